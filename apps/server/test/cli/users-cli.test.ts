import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/index.ts';
import { sqliteTestDatabase } from '../helpers/databases.ts';

const run = promisify(execFile);
const TEXTAI = fileURLToPath(new URL('../../bin/textai.js', import.meta.url));

describe('textai users', () => {
  const database = sqliteTestDatabase();
  const file = database.target.kind === 'sqlite' ? database.target.file : '';
  const env = { ...process.env, APP_ENV: 'test', BCRYPT_COST: '4', DATABASE_URL: `sqlite:${file}` };
  const textai = (...args: string[]) => run(TEXTAI, args, { env });
  afterAll(() => database.drop());

  it('creates, lists, sets tiers, disables and issues reset links', async () => {
    const created = await textai('users', 'create', 'carol', '--email', 'carol@example.org', '--tier', 'pro');
    expect(created.stdout).toMatch(/created carol \(pro/);
    expect(created.stdout).toMatch(/one-time password: \S{20,}/);
    await textai('users', 'set-tier', 'carol', 'admin');
    await textai('users', 'disable', 'carol');
    const listed = await textai('users', 'list');
    expect(listed.stdout).toMatch(/carol\tadmin\tdisabled/);
    const link = await textai('users', 'reset-password', 'carol');
    expect(link.stdout).toMatch(/\/reset-password#token=[A-Za-z0-9_-]{43}/);

    const storage = openStorage({ kind: 'sqlite', file });
    const carol = await storage.users.findByUsername('carol');
    expect(carol).toMatchObject({ tier: 'admin', disabled: true });
    const events = (await storage.audit.list({ limit: 50, offset: 0 })).items.map((e) => e.event);
    expect(events).toEqual(
      expect.arrayContaining(['user_created', 'tier_changed', 'user_disabled', 'password_reset_issued']),
    );
    await storage.close();
  });

  it('fails clearly on an unknown user, a bad tier and a weak password', async () => {
    await expect(textai('users', 'disable', 'nobody')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no user named "nobody"/),
    });
    await expect(textai('users', 'set-tier', 'carol', 'emperor')).rejects.toMatchObject({
      stderr: expect.stringMatching(/tier must be one of/),
    });
    const weak = run(TEXTAI, ['users', 'create', 'dave', '--email', 'd@example.org', '--password-stdin'], {
      env,
    });
    weak.child.stdin?.end('short\n');
    await expect(weak).rejects.toMatchObject({ stderr: expect.stringMatching(/at least 12 characters/) });
  });
});
