import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdmin } from '../../src/bootstrap.ts';
import type { Config } from '../../src/config.ts';
import { BrowserClient, createTestApp, type TestApp } from '../helpers/app.ts';

/** The first admin account that `npm start` makes (server.ts calls ensureAdmin before listening). */
describe('the first admin', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const configFor = (appEnv: Config['appEnv'], username: string, password: string | undefined): Config => ({
    ...t.config,
    appEnv,
    admin: { username, password },
  });
  const run = async (config: Config): Promise<string[]> => {
    const said: string[] = [];
    await ensureAdmin(config, t.storage, t.app.services.accounts, (message) => said.push(message));
    return said;
  };

  it('in development without ADMIN_PASSWORD, prints a random password once, and it logs in as admin', async () => {
    const config = configFor('development', 'dev_admin', undefined);
    const said = await run(config);
    expect(said).toHaveLength(1);
    const password = /one-time password:\s+(\S+)/.exec(said[0] ?? '')?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    const admin = new BrowserClient(t.app);
    expect((await admin.login('dev_admin', password)).statusCode).toBe(200);
    expect((await admin.request('GET', '/api/v1/auth/me')).json().user.tier).toBe('admin');
    // A second start finds the account: nothing printed, the password unchanged.
    expect(await run(config)).toEqual([]);
    expect((await new BrowserClient(t.app).login('dev_admin', password)).statusCode).toBe(200);
  });

  it('uses ADMIN_PASSWORD when set, printing nothing', async () => {
    const said = await run(configFor('development', 'env_admin', 'a harbour at dawn, quietly'));
    expect(said).toEqual([]);
    const admin = new BrowserClient(t.app);
    expect((await admin.login('env_admin', 'a harbour at dawn, quietly')).statusCode).toBe(200);
    expect((await admin.request('GET', '/api/v1/auth/me')).json().user.tier).toBe('admin');
  });

  it('in production without ADMIN_PASSWORD, makes no account and prints no password', async () => {
    expect(await run(configFor('production', 'prod_admin', undefined))).toEqual([]);
    expect(await t.storage.users.findByUsername('prod_admin')).toBeUndefined();
  });
});
