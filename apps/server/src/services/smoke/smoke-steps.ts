import { TOOL_NAMES, type ToolName } from '@textai/contracts';
import type { CheckOutcome } from '../checklist.ts';
import { SAMPLE_INPUTS } from '../tools/sample-inputs.ts';
import type { SmokeClient, SmokeResponse } from './smoke-client.ts';

export interface SmokeState {
  client: SmokeClient;
  username: string;
  password: string;
  /** --api-key: used as given, neither created nor revoked. */
  givenApiKey: string | undefined;
  loggedIn: boolean;
  /** The key this run created (revoked before the end). */
  createdKey: { id: string; secret: string } | undefined;
}

export interface SmokeStep {
  id: string;
  title: string;
  /** A step that needs a login is failed as "not run" when the login failed. */
  needsLogin: boolean;
  run(state: SmokeState): Promise<CheckOutcome>;
}

const ok = (detail: string): CheckOutcome => ({ status: 'pass', detail });
const failed = (detail: string, fix?: string): CheckOutcome =>
  fix === undefined ? { status: 'fail', detail } : { status: 'fail', detail, fix };

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** "503 NOT_READY: the sentiment model is not loaded", from the error envelope when there is one. */
function answer(response: SmokeResponse): string {
  const message = field(response.body, 'error');
  const code = field(response.body, 'code');
  if (typeof message === 'string')
    return `${response.status} ${typeof code === 'string' ? `${code}: ` : ''}${message}`;
  return `${response.status} ${response.text.slice(0, 120).replace(/\s+/g, ' ')}`;
}

const page: SmokeStep = {
  id: 'page',
  title: 'Web app loads',
  needsLogin: false,
  async run({ client }) {
    const response = await client.request('GET', '/');
    if (response.status !== 200 || !response.contentType.includes('text/html'))
      return failed(`GET / answered ${answer(response)}`);
    if (!response.text.includes('id="root"')) {
      return failed('GET / is not the web app (not built?)', 'npm run build on the server, then reload');
    }
    return ok('GET / is the web app');
  },
};

const healthz: SmokeStep = {
  id: 'healthz',
  title: 'Alive (/healthz)',
  needsLogin: false,
  async run({ client }) {
    const response = await client.request('GET', '/healthz');
    if (response.status === 200 && field(response.body, 'status') === 'ok') return ok('ok');
    return failed(`answered ${answer(response)}`);
  },
};

const readyz: SmokeStep = {
  id: 'readyz',
  title: 'Ready (/readyz)',
  needsLogin: false,
  async run({ client }) {
    const response = await client.request('GET', '/readyz');
    if (response.status === 200 && field(response.body, 'status') === 'ready')
      return ok('database reachable, models loaded');
    const models = field(response.body, 'models');
    const broken = Array.isArray(models)
      ? models
          .filter((m) => field(m, 'status') !== 'loaded')
          .map((m) => `${String(field(m, 'tool'))} model not loaded`)
      : [];
    const database = field(response.body, 'database');
    const problems = [
      ...(database === 'ok' || database === undefined ? [] : [`database ${String(database)}`]),
      ...broken,
    ];
    return failed(
      problems.length > 0 ? `${response.status}: ${problems.join(', ')}` : `answered ${answer(response)}`,
      'read the server log for the cause (model files, DATABASE_URL)',
    );
  },
};

const login: SmokeStep = {
  id: 'login',
  title: 'Login (session and CSRF)',
  needsLogin: false,
  async run(state) {
    const { client } = state;
    const csrf = await client.request('GET', '/api/v1/auth/csrf');
    const token = field(csrf.body, 'csrf_token');
    if (csrf.status !== 200 || typeof token !== 'string')
      return failed(`GET /auth/csrf answered ${answer(csrf)}`);
    client.csrfToken = token;
    const response = await client.request('POST', '/api/v1/auth/login', {
      json: { username: state.username, password: state.password },
    });
    const sessionToken = field(response.body, 'csrf_token');
    if (response.status !== 200 || typeof sessionToken !== 'string') {
      return failed(
        `as ${state.username}: ${answer(response)}`,
        'check the smoke account’s username and password',
      );
    }
    client.csrfToken = sessionToken;
    state.loggedIn = true;
    return ok(`logged in as ${state.username} (${String(field(response.body, 'user', 'tier'))})`);
  },
};

function toolStep(tool: ToolName): SmokeStep {
  return {
    id: `tool-${tool}`,
    title: `Tool: ${tool}`,
    needsLogin: true,
    async run({ client }) {
      const response = await client.request('POST', `/api/v1/${tool}`, { json: SAMPLE_INPUTS[tool] });
      const model = field(response.body, 'model', 'name');
      if (response.status !== 200 || typeof model !== 'string') return failed(`answered ${answer(response)}`);
      const version = String(field(response.body, 'model', 'version'));
      return ok(
        `answered with ${model}@${version} in ${String(field(response.body, 'processing_time_ms'))} ms`,
      );
    },
  };
}

async function callWithKey(client: SmokeClient, key: string): Promise<SmokeResponse> {
  return client.request('POST', '/api/v1/sentiment', { json: SAMPLE_INPUTS.sentiment, apiKey: key });
}

const apiKey: SmokeStep = {
  id: 'api-key',
  title: 'API answers with a key',
  needsLogin: true,
  async run(state) {
    const { client } = state;
    let key = state.givenApiKey;
    if (key === undefined) {
      const created = await client.request('POST', '/api/v1/keys', {
        // A day at most: should the revocation below not happen, the key still ends by itself.
        json: { name: `textai smoke ${new Date().toISOString()}`, expires_in_days: 1, scopes: ['tools'] },
      });
      const id = field(created.body, 'id');
      const secret = field(created.body, 'key');
      if (created.status !== 201 || typeof id !== 'string' || typeof secret !== 'string') {
        return failed(`creating a key: ${answer(created)}`, 'is ENABLE_API_ACCESS on?');
      }
      state.createdKey = { id, secret };
      key = secret;
    }
    const response = await callWithKey(client, key);
    if (response.status !== 200) return failed(`POST /sentiment with the key: ${answer(response)}`);
    return ok(
      `POST /sentiment with ${state.givenApiKey === undefined ? 'a new one-day key' : 'the given key'}: 200`,
    );
  },
};

const revokeKey: SmokeStep = {
  id: 'api-key-revoked',
  title: 'Smoke key revoked',
  needsLogin: true,
  async run(state) {
    const created = state.createdKey;
    if (created === undefined) {
      return state.givenApiKey === undefined
        ? failed('no key was created')
        : ok('the given key is left as it was');
    }
    const response = await state.client.request('DELETE', `/api/v1/keys/${encodeURIComponent(created.id)}`);
    if (response.status !== 204)
      return failed(`DELETE /keys: ${answer(response)}`, 'revoke the "textai smoke" key in Settings');
    const after = await callWithKey(state.client, created.secret);
    if (after.status !== 401) return failed(`the revoked key still answers ${after.status}`);
    return ok('revoked; the key is refused (401) from now on');
  },
};

const errorCount: SmokeStep = {
  id: 'server-errors',
  title: 'No server errors since start',
  needsLogin: true,
  async run({ client }) {
    const response = await client.request('GET', '/api/v1/admin/stats');
    if (response.status === 403)
      return failed('the smoke account is not an admin', 'run smoke as an admin account');
    const errors = field(response.body, 'errors_since_start');
    if (response.status !== 200 || typeof errors !== 'number')
      return failed(`GET /admin/stats answered ${answer(response)}`);
    const uptime = Number(field(response.body, 'uptime_seconds'));
    const detail = `${errors} 5xx responses in ${uptime} s since the server started`;
    return errors === 0
      ? ok(detail)
      : failed(detail, 'read the server log for the errors (each names its request id)');
  },
};

const logout: SmokeStep = {
  id: 'logout',
  title: 'Logout',
  needsLogin: true,
  async run({ client }) {
    const response = await client.request('POST', '/api/v1/auth/logout');
    if (response.status !== 204) return failed(`answered ${answer(response)}`);
    const me = await client.request('GET', '/api/v1/auth/me');
    if (me.status !== 401) return failed(`the session still answers GET /auth/me with ${me.status}`);
    return ok('the session has ended');
  },
};

/** In deployment-day order; the error count comes after the tool calls so it covers them too. */
export const SMOKE_STEPS: readonly SmokeStep[] = [
  page,
  healthz,
  readyz,
  login,
  ...TOOL_NAMES.map(toolStep),
  apiKey,
  revokeKey,
  errorCount,
  logout,
];
