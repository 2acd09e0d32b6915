import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Clock } from '../../src/services/clock.ts';
import { MemoryCounterStore, type CounterStore } from '../../src/services/limits/counter-store.ts';
import { ToolService } from '../../src/services/tools/tool-service.ts';
import { openStorage, type OpenedStorage } from '../../src/storage/index.ts';
import { sqliteTestDatabase, type TestDatabase } from './databases.ts';

/** A clock the test moves by hand (session expiry, retention, rate-limit windows). */
export class ManualClock implements Clock {
  constructor(public time = Date.UTC(2026, 10, 20, 12)) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

let sharedTools: Promise<ToolService> | undefined;

/** The four built-in models, loaded once per test file (they are read-only). */
export function loadTools(maxTextChars = 100_000): Promise<ToolService> {
  sharedTools ??= (async () => {
    const tools = new ToolService(maxTextChars);
    await tools.load({
      sentiment: 'builtin',
      summarize: 'builtin',
      'fake-news': 'builtin',
      'job-match': 'builtin',
    });
    return tools;
  })();
  return sharedTools;
}

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  storage: OpenedStorage;
  clock: ManualClock;
  close(): Promise<void>;
}

/** A real app on a real SQLite file, with the given environment on top of test defaults. */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { database?: TestDatabase; webRoot?: string; tools?: ToolService; counters?: CounterStore } = {},
): Promise<TestApp> {
  const database: TestDatabase = options.database ?? sqliteTestDatabase();
  // Uploads in progress go under DATA_DIR: the test's own folder, removed at the end.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'textai-data-'));
  const config = loadConfig({
    APP_ENV: 'test',
    SECRET_KEY: 'test-secret-0123456789abcdef0123456789abcdef',
    BCRYPT_COST: '4',
    DATABASE_URL: database.target.kind === 'sqlite' ? `sqlite:${database.target.file}` : database.target.url,
    DATA_DIR: dataDir,
    ...env,
  });
  const storage = openStorage(config.database);
  await storage.migrate();
  const clock = new ManualClock();
  const counters = options.counters ?? new MemoryCounterStore(() => clock.now());
  const tools = options.tools ?? (await loadTools(config.limits.maxTextChars));
  const app = await buildApp({
    config,
    storage,
    tools: tools.withTextLimit(config.limits.maxTextChars),
    counters,
    clock,
    jobRunner: { pollMs: 200 },
    ...(options.webRoot === undefined ? {} : { webRoot: options.webRoot }),
  });
  await app.ready();
  return {
    app,
    config,
    storage,
    clock,
    async close() {
      await app.close();
      await counters.close();
      await storage.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A browser-like client: keeps cookies, sends the CSRF token it was given. */
export class BrowserClient {
  cookies = new Map<string, string>();
  csrf = '';

  constructor(
    private readonly app: FastifyInstance,
    private readonly ip = '10.0.0.1',
  ) {}

  async request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        ...(this.cookies.size > 0
          ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
          : {}),
        ...(method !== 'GET' && this.csrf !== '' ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    this.keepCookies(response);
    return response;
  }

  async fetchCsrf(): Promise<void> {
    const response = await this.request('GET', '/api/v1/auth/csrf');
    this.csrf = (response.json() as { csrf_token: string }).csrf_token;
  }

  async signup(username: string, password = 'correct horse battery staple'): Promise<LightMyRequestResponse> {
    await this.fetchCsrf();
    const response = await this.request('POST', '/api/v1/auth/signup', {
      username,
      email: `${username}@example.org`,
      password,
    });
    if (response.statusCode === 201) this.csrf = (response.json() as { csrf_token: string }).csrf_token;
    return response;
  }

  async login(username: string, password = 'correct horse battery staple'): Promise<LightMyRequestResponse> {
    if (this.csrf === '') await this.fetchCsrf();
    const response = await this.request('POST', '/api/v1/auth/login', { username, password });
    if (response.statusCode === 200) this.csrf = (response.json() as { csrf_token: string }).csrf_token;
    return response;
  }

  private keepCookies(response: LightMyRequestResponse): void {
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.value === '' || (c.expires !== undefined && c.expires.getTime() <= Date.now());
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }
}

/** Creates a key for a logged-in client and returns the full secret. */
export async function createKey(
  client: BrowserClient,
  body: Record<string, unknown> = { name: 'test' },
): Promise<string> {
  const response = await client.request('POST', '/api/v1/keys', body);
  if (response.statusCode !== 201) throw new Error(`key creation failed: ${response.body}`);
  return (response.json() as { key: string }).key;
}

export const STRONG_PASSWORD = 'correct horse battery staple';
