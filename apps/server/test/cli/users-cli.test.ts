import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/services/secrets.ts';
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

  it('creates, lists and revokes API keys; the printed key is the stored hash, shown only once', async () => {
    await textai('users', 'create', 'erin', '--email', 'erin@example.org');
    const created = await textai(
      'keys',
      'create',
      'erin',
      '--name',
      'nightly import',
      '--expires-days',
      '30',
      '--scopes',
      'tools,batch',
    );
    const secret = /^(tai_[A-Za-z0-9_-]{43})$/m.exec(created.stdout)?.[1] ?? '';
    const id = /created key (\S+) "nightly import" for erin \(scopes tools,batch, expires 20/.exec(
      created.stdout,
    )?.[1];
    expect(id).toBeDefined();

    const storage = openStorage({ kind: 'sqlite', file });
    const found = await storage.apiKeys.findByHash(sha256(secret));
    expect(found).toMatchObject({
      key: { id, name: 'nightly import', scopes: ['tools', 'batch'] },
      user: { username: 'erin' },
    });

    const listed = await textai('keys', 'list', 'erin');
    expect(listed.stdout).toContain(
      `${id}\tnightly import\t${secret.slice(0, 8)}…${secret.slice(-4)}\ttools,batch\tactive`,
    );
    expect(listed.stdout).not.toContain(secret);

    await textai('keys', 'revoke', 'erin', id ?? '');
    expect((await storage.apiKeys.findByHash(sha256(secret)))?.key.revokedAt).toEqual(expect.any(Number));
    expect((await textai('keys', 'list', 'erin')).stdout).toMatch(/\trevoked\t/);
    await storage.close();

    await expect(textai('keys', 'create', 'erin', '--name', 'x', '--scopes', 'admin')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/invalid key options: scopes/),
    });
    await expect(textai('keys', 'revoke', 'erin', 'no-such-key')).rejects.toMatchObject({ code: 1 });
  });
});
