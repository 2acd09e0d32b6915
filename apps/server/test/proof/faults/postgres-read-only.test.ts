import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, createKey, createTestApp, type TestApp } from '../../helpers/app.ts';
import {
  postgresTestDatabase,
  postgresUnavailableReason,
  requirePostgres,
  type TestDatabase,
} from '../../helpers/databases.ts';
import { recordFigures } from '../figures.ts';

const unavailable = await postgresUnavailableReason();
if (unavailable !== null) {
  if (requirePostgres) throw new Error(`PostgreSQL is required (REQUIRE_POSTGRES=1): ${unavailable}`);
  console.warn(`PostgreSQL read-only test skipped: ${unavailable}`);
}

/**
 * A read-only PostgreSQL database (default_transaction_read_only, as on a standby or a database
 * an operator locked): writes answer 503 STORAGE_UNAVAILABLE from SQLSTATE 25006, reads go on,
 * /readyz says the database is not writable; once writable again the same app recovers.
 */
describe.skipIf(unavailable !== null)('a read-only PostgreSQL database', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let test: TestApp;
  let admin: pg.Client;
  let name = '';

  beforeAll(async () => {
    database = await postgresTestDatabase();
    name = new URL(database.target.kind === 'postgres' ? database.target.url : '').pathname.slice(1);
    admin = new pg.Client({
      connectionString: process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    });
    await admin.connect();
    // The app's close drops the database.
    test = await createTestApp({}, { database });
  });
  afterAll(async () => {
    await admin.end();
    await test.close();
  });

  /** Sets the database's default and ends its sessions, so the app's pool reconnects under it. */
  async function setReadOnly(on: boolean) {
    await admin.query(
      on
        ? `alter database ${name} set default_transaction_read_only = on`
        : `alter database ${name} reset default_transaction_read_only`,
    );
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
  }

  async function readiness() {
    const response = await test.app.inject({ method: 'GET', url: '/readyz' });
    return {
      status: response.statusCode,
      body: response.json<{ database: string; database_problem?: { reason: string } }>(),
    };
  }

  it('refuses writes with 503 STORAGE_UNAVAILABLE, reads on, not ready; recovers', async () => {
    const user = new BrowserClient(test.app);
    expect((await user.signup('before_read_only')).statusCode).toBe(201);
    const key = await createKey(user);

    await setReadOnly(true);
    try {
      // Ending the sessions is a dropped connection first (503 NOT_READY while the pool replaces
      // them: another fault's test); wait until the pool's new sessions see the read-only database.
      const lockedAt = performance.now();
      while ((await readiness()).body.database !== 'not_writable') {
        if (performance.now() - lockedAt > 20_000) throw new Error('never saw the database read-only');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const refused = await new BrowserClient(test.app, '10.0.0.2').signup('during_read_only');
      expect(refused.statusCode, refused.body).toBe(503);
      expect(refused.json()).toMatchObject({ code: 'STORAGE_UNAVAILABLE', details: { reason: 'read_only' } });
      expect(refused.json<{ error: string }>().error).toMatch(/read-only/);

      const ready = await readiness();
      expect(ready.status).toBe(503);
      expect(ready.body.database).toBe('not_writable');
      expect(ready.body.database_problem?.reason).toBe('read_only');
      expect((await test.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      const history = await test.app.inject({
        method: 'GET',
        url: '/api/v1/history',
        headers: { 'x-api-key': key },
      });
      expect(history.statusCode).toBe(200);
    } finally {
      await setReadOnly(false);
    }

    const fixedAt = performance.now();
    while ((await readiness()).status !== 200) {
      if (performance.now() - fixedAt > 20_000)
        throw new Error('not ready 20 s after the database was writable');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const recoveryMs = Math.round(performance.now() - fixedAt);
    expect((await new BrowserClient(test.app, '10.0.0.3').signup('after_read_only')).statusCode).toBe(201);
    expect((await new BrowserClient(test.app, '10.0.0.4').login('before_read_only')).statusCode).toBe(200);
    recordFigures('faults', [
      {
        name: 'read-only PostgreSQL: how the fault was made',
        value: 'default_transaction_read_only (SQLSTATE 25006)',
      },
      { name: 'read-only PostgreSQL: ready again after it was writable (ms)', value: recoveryMs },
    ]);
  });
});
