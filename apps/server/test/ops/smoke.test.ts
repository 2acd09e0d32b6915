import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChecklistItem } from '../../src/services/checklist.ts';
import { makeTempDir, runCli } from '../cli/helpers.ts';
import { apiKeyFor, startServerProcess, type TextaiProcess } from '../helpers/processes.ts';

const ADMIN = 'smoke_admin';
const PASSWORD = 'a long smoke test passphrase';

interface SmokeJson {
  ok: boolean;
  items: ChecklistItem[];
}

/** `textai smoke` as the runbook runs it: credentials from the environment, never on the command line. */
async function smoke(url: string, password: string, args: string[] = []) {
  const run = await runCli(['smoke', url, '--json', ...args], '', {
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      SMOKE_USERNAME: ADMIN,
      SMOKE_PASSWORD: password,
    },
  });
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as SmokeJson;
  const status = Object.fromEntries(report.items.map((i) => [i.id, i.status]));
  const detail = (id: string) => report.items.find((i) => i.id === id)?.detail ?? '';
  return { code: run.code, raw: run.stdout, report, status, detail };
}

interface RunningServer {
  url: string;
  process: TextaiProcess;
  stop(): Promise<void>;
}

async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const data = await makeTempDir();
  const server = await startServerProcess({
    APP_ENV: 'development',
    DATA_DIR: data.dir,
    SECRET_KEY: 'smoke-test-secret-0123456789abcdef0123456789',
    ADMIN_USERNAME: ADMIN,
    ADMIN_PASSWORD: PASSWORD,
    BCRYPT_COST: '4',
    ...env,
  });
  return {
    ...server,
    async stop() {
      server.process.child.kill('SIGTERM');
      await server.process.exited;
      await data.cleanup();
    },
  };
}

/** A loopback port that nothing listens on (taken from the OS, then released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('textai smoke', { timeout: 120_000 }, () => {
  let healthy: RunningServer;
  beforeAll(async () => {
    healthy = await startServer();
  }, 120_000);
  afterAll(() => healthy.stop());

  it('passes every item against a healthy server, and prints neither the password nor a key', async () => {
    const { code, report, raw, detail } = await smoke(healthy.url, PASSWORD);
    expect(report.items.filter((i) => i.status !== 'pass')).toEqual([]);
    expect(code).toBe(0);
    expect(report.items.map((i) => i.id)).toEqual([
      'page',
      'healthz',
      'readyz',
      'login',
      'tool-sentiment',
      'tool-summarize',
      'tool-fake-news',
      'tool-job-match',
      'api-key',
      'api-key-revoked',
      'server-errors',
      'logout',
    ]);
    expect(detail('server-errors')).toMatch(/^0 5xx responses/);
    expect(raw).not.toContain(PASSWORD);
    expect(raw).not.toMatch(/tai_[A-Za-z0-9_-]{20}/);
  });

  it('uses a given API key and leaves it working', async () => {
    const key = await apiKeyFor(healthy.url, ADMIN, PASSWORD);
    const { code, status, detail, raw } = await smoke(healthy.url, PASSWORD, ['--api-key', key]);
    expect(code).toBe(0);
    expect(status['api-key']).toBe('pass');
    expect(detail('api-key-revoked')).toMatch(/left as it was/);
    expect(raw).not.toContain(key);
    const call = await fetch(`${healthy.url}/api/v1/sentiment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ text: 'still works' }),
    });
    expect(call.status).toBe(200);
  });

  it('fails the login, and every item that needs it, with a wrong password', async () => {
    const { code, status, detail, raw } = await smoke(healthy.url, 'not the right passphrase');
    expect(code).toBe(1);
    expect(status['page']).toBe('pass');
    expect(status['readyz']).toBe('pass');
    expect(status['login']).toBe('fail');
    expect(detail('login')).toMatch(/401/);
    expect(status['tool-sentiment']).toBe('fail');
    expect(detail('tool-sentiment')).toBe('not run: needs the login');
    expect(raw).not.toContain('not the right passphrase');
  });

  it('fails every item when nothing listens at the URL', async () => {
    const { code, report, detail } = await smoke(`http://127.0.0.1:${await closedPort()}`, PASSWORD);
    expect(code).toBe(1);
    expect(report.items.every((i) => i.status === 'fail')).toBe(true);
    expect(detail('page')).toMatch(/ECONNREFUSED/);
  });

  it('names the broken model, and counts its 5xx answers as server errors', async () => {
    const broken = await startServer({ SENTIMENT_MODEL: '/nonexistent/sentiment.taim' });
    try {
      const { code, status, detail } = await smoke(broken.url, PASSWORD);
      expect(code).toBe(1);
      expect(status['readyz']).toBe('fail');
      expect(detail('readyz')).toMatch(/sentiment model not loaded/);
      expect(status['tool-sentiment']).toBe('fail');
      expect(detail('tool-sentiment')).toMatch(/^answered 503 NOT_READY: the sentiment model is not loaded/);
      expect(status['tool-summarize']).toBe('pass');
      expect(status['server-errors']).toBe('fail');
      expect(detail('server-errors')).toMatch(/^[1-9]\d* 5xx responses/);
    } finally {
      await broken.stop();
    }
  });

  it('refuses a URL that is not one, with a clear message', async () => {
    const run = await runCli(['smoke', 'ftp://example'], '', { env: { PATH: process.env['PATH'] ?? '' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('textai: not an http(s) URL: ftp://example\n');
  });
});
