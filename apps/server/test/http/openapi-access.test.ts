import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationAccess } from '../../src/plugins/openapi-access.ts';
import { BrowserClient, createKey, createTestApp, type TestApp } from '../helpers/app.ts';

/**
 * The OpenAPI document says who may call each operation (x-access, rendered into docs/API.md).
 * Here every operation in the served document is called as a guest, with API keys with and
 * without its scope, as a user and as an admin, and the server's answers must match what the
 * document says: 401 for a missing login, 403 for a refused key or a non-admin, anything else
 * (a 400 for the empty body, a 404 for the made-up id…) when the caller is let in.
 */

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface DocumentedOperation {
  method: Method;
  path: string;
  url: string;
  access: OperationAccess;
}

const ADMIN = { username: 'access_admin', password: 'an admin passphrase for access' };
const SCOPES = ['tools', 'batch', 'history'] as const;

function operationsOf(document: {
  paths: Record<string, Record<string, { 'x-access'?: OperationAccess }>>;
}): DocumentedOperation[] {
  const operations: DocumentedOperation[] = [];
  for (const [path, byMethod] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(byMethod)) {
      const access = operation['x-access'];
      if (access === undefined) throw new Error(`${method} ${path} has no x-access`);
      const url = path.replace('{tool}', 'sentiment').replace(/\{[a-z_]+\}/g, 'no-such-id');
      operations.push({ method: method.toUpperCase() as Method, path, url, access });
    }
  }
  // Logging out ends the caller's session: last, so every other call still has one.
  return operations.sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));
}

/**
 * Bodies that pass validation where a route validates before it checks who is calling (the admin
 * routes check the tier in their handler); every other call sends an empty object.
 */
const VALID_BODIES: Record<string, object> = {
  'PATCH /api/v1/admin/users/{id}': { tier: 'pro' },
};

function call(client: BrowserClient, op: DocumentedOperation, headers: Record<string, string> = {}) {
  const body = op.method === 'GET' ? undefined : (VALID_BODIES[`${op.method} ${op.path}`] ?? {});
  return client.request(op.method, op.url, body, headers);
}

const letIn = (status: number) => status !== 401 && status !== 403;

describe('who may call each operation, as the OpenAPI document states it', () => {
  let t: TestApp;
  let operations: DocumentedOperation[];
  const keys = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp({
      GUEST_RATE_LIMIT: '100000',
      USER_RATE_LIMIT: '100000',
      SIGNUP_IP_LIMIT: '1000',
    });
    await t.app.services.accounts.createUser(
      { ...ADMIN, email: 'access-admin@example.org', tier: 'admin' },
      null,
    );
    const owner = new BrowserClient(t.app, '10.9.0.1');
    expect((await owner.signup('key_owner')).statusCode).toBe(201);
    for (const scope of SCOPES) keys.set(scope, await createKey(owner, { name: scope, scopes: [scope] }));
    const served = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    operations = operationsOf(served.json());
    expect(operations.length).toBeGreaterThan(30);
  });
  afterAll(() => t.close());

  it('lets guests in exactly where it says "anyone"', async () => {
    const guest = new BrowserClient(t.app, '10.9.1.1');
    await guest.fetchCsrf(); // the pre-session token, as a browser would fetch it first
    for (const op of operations) {
      const response = await call(guest, op);
      if (op.access.who === 'anyone')
        expect(letIn(response.statusCode), `${op.method} ${op.path}`).toBe(true);
      else expect(response.statusCode, `${op.method} ${op.path}`).toBe(401);
    }
  });

  it('accepts an API key only with the scope it names, and refuses keys where it names none', async () => {
    for (const op of operations) {
      const client = new BrowserClient(t.app, '10.9.2.1');
      const name = `${op.method} ${op.path}`;
      const wrong = SCOPES.find((s) => s !== op.access.api_key_scope) ?? 'tools';
      const refused = await call(client, op, { 'x-api-key': keys.get(wrong) ?? '' });
      if (op.access.api_keys === 'ignored') {
        expect(letIn(refused.statusCode), `${name} ignores keys`).toBe(true);
        continue;
      }
      expect(refused.statusCode, `${name} with a "${wrong}" key`).toBe(403);
      if (op.access.api_keys === 'refused') continue;
      const scoped = keys.get(op.access.api_key_scope ?? '');
      expect(scoped, `${name}: a scoped key names its scope`).toBeDefined();
      const right = await call(client, op, { authorization: `Bearer ${scoped}` });
      expect(letIn(right.statusCode), `${name} with its scope: ${right.statusCode} ${right.body}`).toBe(true);
    }
  });

  it('keeps "admins" operations from users and lets users and admins into the rest', async () => {
    const user = new BrowserClient(t.app, '10.9.3.1');
    expect((await user.signup('plain_access_user')).statusCode).toBe(201);
    const admin = new BrowserClient(t.app, '10.9.3.2');
    expect((await admin.login(ADMIN.username, ADMIN.password)).statusCode).toBe(200);
    for (const op of operations) {
      const name = `${op.method} ${op.path}`;
      const asUser = await call(user, op);
      if (op.access.who === 'admins') expect(asUser.statusCode, name).toBe(403);
      else
        expect(letIn(asUser.statusCode), `${name} as a user: ${asUser.statusCode} ${asUser.body}`).toBe(true);
      const asAdmin = await call(admin, op);
      expect(letIn(asAdmin.statusCode), `${name} as an admin: ${asAdmin.statusCode} ${asAdmin.body}`).toBe(
        true,
      );
    }
  });

  it('asks a session for its CSRF token where it says so', async () => {
    const user = new BrowserClient(t.app, '10.9.4.1');
    expect((await user.signup('csrf_access_user')).statusCode).toBe(201);
    for (const op of operations.filter((o) => o.access.csrf === 'session' && !o.path.endsWith('/logout'))) {
      const response = await call(user, op, { 'x-csrf-token': 'not-the-token' });
      expect(response.json().code, `${op.method} ${op.path}`).toBe('CSRF_INVALID');
    }
  });
});
