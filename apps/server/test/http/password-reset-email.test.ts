import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { REDACT_PATHS } from '../../src/logging.ts';
import { MemoryCounterStore } from '../../src/services/limits/counter-store.ts';
import { RESET_MAIL_ACCEPTED } from '../../src/services/mail/password-reset-mail.ts';
import { openStorage } from '../../src/storage/index.ts';
import { BrowserClient, createTestApp, loadTools, STRONG_PASSWORD, type TestApp } from '../helpers/app.ts';
import { sqliteTestDatabase } from '../helpers/databases.ts';

interface CapturedMail {
  from: string;
  to: string[];
  headers: Map<string, string>;
  text: string;
}

interface Sink {
  port: number;
  mails: CapturedMail[];
  logins: { username: string; password: string }[];
  close(): Promise<void>;
}

/** A local SMTP sink on 127.0.0.1 (random port, no TLS) that keeps every message it accepts. */
async function startSink(options: { user?: string; password?: string } = {}): Promise<Sink> {
  const mails: CapturedMail[] = [];
  const logins: { username: string; password: string }[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: options.user === undefined,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      const username = auth.username ?? '';
      const password = auth.password ?? '';
      logins.push({ username, password });
      if (username === options.user && password === options.password) callback(null, { user: username });
      else callback(new Error('invalid credentials'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          ...parseMessage(Buffer.concat(chunks).toString('utf8')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Headers (unfolded, lower-case names) and the text body, quoted-printable decoded when so marked. */
function parseMessage(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  let body = raw.slice(split + 4);
  if (headers.get('content-transfer-encoding')?.toLowerCase() === 'quoted-printable') {
    body = Buffer.from(
      body
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  }
  return { headers, text: body.replace(/\r\n/g, '\n') };
}

/** The reset links in a mail, in order. */
function linksIn(mail: CapturedMail): string[] {
  return [...mail.text.matchAll(/https?:\/\/\S+\/reset-password#token=[A-Za-z0-9_-]+/g)].map((m) => m[0]);
}

function tokenOf(link: string): string {
  return link.slice(link.indexOf('#token=') + '#token='.length);
}

let ipCounter = 0;
/** A fresh client address per request, so the per-IP budget does not mix tests up. */
function nextIp(): string {
  ipCounter += 1;
  return `10.9.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

async function forgot(
  t: TestApp,
  usernameOrEmail: string,
  ip = nextIp(),
  headers: Record<string, string> = {},
) {
  const browser = new BrowserClient(t.app, ip);
  await browser.fetchCsrf();
  const response = await browser.request(
    'POST',
    '/api/v1/auth/forgot-password',
    { username_or_email: usernameOrEmail },
    headers,
  );
  await t.app.services.passwordResetMail.flush();
  return response;
}

async function reset(t: TestApp, token: string, newPassword: string) {
  const browser = new BrowserClient(t.app, nextIp());
  await browser.fetchCsrf();
  return browser.request('POST', '/api/v1/auth/reset-password', { token, new_password: newPassword });
}

async function createUser(t: TestApp, username: string, email = `${username}@example.org`) {
  return t.app.services.accounts.createUser(
    { username, email, password: STRONG_PASSWORD, tier: 'user' },
    null,
  );
}

describe('password reset by email', () => {
  let sink: Sink;
  let t: TestApp;
  beforeAll(async () => {
    sink = await startSink();
    t = await createTestApp({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.port),
      SMTP_FROM: 'TextAI Studio <studio@example.org>',
      PUBLIC_URL: 'https://studio.example.org/',
    });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });
  afterEach(() => {
    sink.mails.length = 0;
  });

  it('mails a link whose token sets a new password; the old one stops working; the link is single-use', async () => {
    await createUser(t, 'forgetful');
    const loggedIn = new BrowserClient(t.app, nextIp());
    expect((await loggedIn.login('forgetful')).statusCode).toBe(200);

    const response = await forgot(t, 'forgetful');
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ message: RESET_MAIL_ACCEPTED });

    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0]!;
    expect(mail.to).toEqual(['forgetful@example.org']);
    expect(mail.from).toBe('studio@example.org');
    expect(mail.headers.get('subject')).toBe('Reset your TextAI Studio password');
    expect(mail.text).toContain('expires in 24 hours');
    expect(mail.text).toContain('you can ignore this email');
    expect(mail.text).toContain('"forgetful"');
    const links = linksIn(mail);
    expect(links).toHaveLength(1);
    // PUBLIC_URL, not the request's Host, makes the link.
    expect(links[0]!.startsWith('https://studio.example.org/reset-password#token=')).toBe(true);
    const token = tokenOf(links[0]!);

    expect((await reset(t, token, 'a brand new passphrase')).statusCode).toBe(204);
    // A reset ends every session.
    expect((await loggedIn.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect(
      (await new BrowserClient(t.app, nextIp()).login('forgetful', 'a brand new passphrase')).statusCode,
    ).toBe(200);
    expect((await new BrowserClient(t.app, nextIp()).login('forgetful', STRONG_PASSWORD)).statusCode).toBe(
      401,
    );

    const again = await reset(t, token, 'yet another passphrase');
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('VALIDATION_ERROR');

    const audit = await t.storage.audit.list({ limit: 100, offset: 0, event: 'password_reset_issued' });
    const entry = audit.items.find(
      (e) => e.details !== null && (e.details as { via?: string }).via === 'email',
    );
    expect(entry).toMatchObject({ actorId: null });
  });

  it('ignores a spoofed Host header: links always use PUBLIC_URL', async () => {
    await createUser(t, 'hosted');
    await forgot(t, 'hosted', nextIp(), { host: 'evil.example.com' });
    expect(sink.mails).toHaveLength(1);
    expect(linksIn(sink.mails[0]!)[0]).toMatch(/^https:\/\/studio\.example\.org\/reset-password#token=/);
    expect(sink.mails[0]!.text).not.toContain('evil.example.com');
  });

  it('finds the account by email address, case-insensitively', async () => {
    await createUser(t, 'by_mail', 'By.Mail@Example.org');
    const response = await forgot(t, '  by.mail@EXAMPLE.org ');
    expect(response.statusCode).toBe(202);
    expect(sink.mails).toHaveLength(1);
    // To the address on file (nodemailer lower-cases the domain), not the one typed.
    expect(sink.mails[0]!.headers.get('to')).toBe('By.Mail@example.org');
    const token = tokenOf(linksIn(sink.mails[0]!)[0]!);
    expect((await reset(t, token, 'found by my address')).statusCode).toBe(204);
    expect(
      (await new BrowserClient(t.app, nextIp()).login('by_mail', 'found by my address')).statusCode,
    ).toBe(200);
  });

  it('lists every enabled account sharing an address in one mail; a username match names only that account', async () => {
    await createUser(t, 'shared_one', 'shared@example.org');
    await createUser(t, 'shared_two', 'shared@example.org');
    const off = await createUser(t, 'shared_off', 'shared@example.org');
    await t.app.services.accounts.setDisabled(off.id, true, null, null);

    await forgot(t, 'shared@example.org');
    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0]!;
    expect(mail.text).toContain('shared_one:');
    expect(mail.text).toContain('shared_two:');
    expect(mail.text).not.toContain('shared_off');
    expect(linksIn(mail)).toHaveLength(2);
    for (const [username, password] of [
      ['shared_one', 'first shared passphrase'],
      ['shared_two', 'second shared passphrase'],
    ] as const) {
      const link = new RegExp(`${username}:\\n(\\S+)`).exec(mail.text)?.[1];
      expect((await reset(t, tokenOf(link ?? ''), password)).statusCode).toBe(204);
      const login = await new BrowserClient(t.app, nextIp()).login(username, password);
      expect(login.statusCode).toBe(200);
    }

    sink.mails.length = 0;
    await forgot(t, 'shared_two');
    expect(sink.mails).toHaveLength(1);
    expect(linksIn(sink.mails[0]!)).toHaveLength(1);
    expect(sink.mails[0]!.text).toContain('"shared_two"');
  });

  it('answers the same for unknown users, unknown addresses and disabled accounts, and sends nothing', async () => {
    const disabled = await createUser(t, 'gone_quiet');
    await t.app.services.accounts.setDisabled(disabled.id, true, null, null);
    await createUser(t, 'exists_here');

    const answers = [
      await forgot(t, 'nobody_by_that_name'),
      await forgot(t, 'nobody@example.org'),
      await forgot(t, 'gone_quiet'),
      await forgot(t, 'gone_quiet@example.org'),
    ];
    expect(sink.mails).toHaveLength(0);
    const real = await forgot(t, 'exists_here');
    expect(sink.mails).toHaveLength(1);
    for (const answer of answers) {
      expect(answer.statusCode).toBe(real.statusCode);
      expect(answer.body).toBe(real.body);
    }
  });

  it('throttles mails per account (3 an hour) without changing the answer, and requests per IP with 429', async () => {
    await createUser(t, 'spam_target');
    const answers = [];
    for (let i = 0; i < 5; i += 1)
      answers.push(await forgot(t, i % 2 === 0 ? 'spam_target' : 'spam_target@example.org'));
    for (const answer of answers) {
      expect(answer.statusCode).toBe(202);
      expect(answer.json()).toEqual({ message: RESET_MAIL_ACCEPTED });
    }
    expect(sink.mails).toHaveLength(3);

    t.clock.advance(3_600_001);
    await forgot(t, 'spam_target');
    expect(sink.mails).toHaveLength(4);

    const ip = nextIp();
    const fromOneIp = [];
    for (let i = 0; i < 11; i += 1) fromOneIp.push(await forgot(t, `no_such_user_${i}`, ip));
    expect(fromOneIp.slice(0, 10).every((r) => r.statusCode === 202)).toBe(true);
    const blocked = fromOneIp[10]!;
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('TOO_MANY_ATTEMPTS');
    expect(blocked.headers['retry-after']).toBe('3600');
  });

  it('expires links after 24 hours', async () => {
    await createUser(t, 'slow_reader');
    await forgot(t, 'slow_reader');
    const token = tokenOf(linksIn(sink.mails[0]!)[0]!);
    t.clock.advance(24 * 3_600_000 + 1);
    expect((await reset(t, token, 'too late for this one')).statusCode).toBe(400);
  });

  it('requires the pre-session CSRF token and a username or email', async () => {
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/forgot-password',
      payload: { username_or_email: 'forgetful' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF_INVALID');
    const browser = new BrowserClient(t.app, nextIp());
    await browser.fetchCsrf();
    expect((await browser.request('POST', '/api/v1/auth/forgot-password', {})).statusCode).toBe(400);
    expect(
      (await browser.request('POST', '/api/v1/auth/forgot-password', { username_or_email: '   ' }))
        .statusCode,
    ).toBe(400);
  });
});

describe('password reset by email: configuration', () => {
  it('is a clear 403 FEATURE_DISABLED without SMTP_HOST', async () => {
    const t = await createTestApp();
    try {
      await createUser(t, 'no_smtp');
      const response = await forgot(t, 'no_smtp');
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('FEATURE_DISABLED');
      expect(response.json().error).toMatch(/SMTP_HOST/);
      expect(t.app.services.mailer).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('without PUBLIC_URL uses the request origin outside production, and refuses in production', async () => {
    const sink = await startSink();
    const dev = await createTestApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port) });
    const prod = await createTestApp({
      APP_ENV: 'production',
      LOG_LEVEL: 'silent',
      SECRET_KEY: 'Zq7vR2mK9pL4xT8wN3bY6cF1hJ5sD0gA',
      BCRYPT_COST: '12',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.port),
    });
    try {
      await createUser(dev, 'dev_user');
      await forgot(dev, 'dev_user', nextIp(), { host: 'localhost:8501' });
      expect(linksIn(sink.mails[0]!)[0]).toMatch(/^http:\/\/localhost:8501\/reset-password#token=/);

      const refused = await forgot(prod, 'whoever');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('FEATURE_DISABLED');
      expect(refused.json().error).toMatch(/PUBLIC_URL/);
      expect(sink.mails).toHaveLength(1);
    } finally {
      await dev.close();
      await prod.close();
      await sink.close();
    }
  });

  it('logs in to the relay with SMTP_USER and SMTP_PASSWORD', async () => {
    const sink = await startSink({ user: 'relay-user', password: 'relay-pass' });
    const t = await createTestApp({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.port),
      SMTP_USER: 'relay-user',
      SMTP_PASSWORD: 'relay-pass',
      PUBLIC_URL: 'https://studio.example.org',
    });
    try {
      await createUser(t, 'authed_relay');
      await forgot(t, 'authed_relay');
      expect(sink.logins).toEqual([{ username: 'relay-user', password: 'relay-pass' }]);
      expect(sink.mails).toHaveLength(1);
    } finally {
      await t.close();
      await sink.close();
    }
  });
});

describe('password reset by email: logs', () => {
  it('never logs the token or the link, and logs a failed send without them; the answer is unchanged', async () => {
    const sink = await startSink();
    const lines: string[] = [];
    const logger = pino(
      { level: 'debug', redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    // A port nothing listens on: the relay is down.
    const deadPort = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const built = [];
    for (const port of [sink.port, deadPort]) {
      const database = sqliteTestDatabase();
      const config = loadConfig({
        APP_ENV: 'test',
        BCRYPT_COST: '4',
        DATABASE_URL: `sqlite:${database.target.kind === 'sqlite' ? database.target.file : ''}`,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(port),
        PUBLIC_URL: 'https://studio.example.org',
      });
      const storage = openStorage(config.database);
      await storage.migrate();
      const counters = new MemoryCounterStore();
      const app = await buildApp({
        config,
        storage,
        tools: await loadTools(),
        counters,
        loggerInstance: logger,
      });
      await app.services.accounts.createUser(
        { username: 'logged_user', email: 'logged@example.org', password: STRONG_PASSWORD, tier: 'user' },
        null,
      );
      built.push({ app, storage, counters, database });
    }
    const [working, broken] = built;
    const send = async (target: NonNullable<typeof working>) => {
      const browser = new BrowserClient(target.app, nextIp());
      await browser.fetchCsrf();
      const response = await browser.request('POST', '/api/v1/auth/forgot-password', {
        username_or_email: 'logged_user',
      });
      await target.app.services.passwordResetMail.flush();
      return response;
    };
    const ok = await send(working!);
    const failed = await send(broken!);
    for (const b of built) {
      await b.app.close();
      await b.counters.close();
      await b.storage.close();
      await b.database.drop();
    }
    await sink.close();

    expect(failed.statusCode).toBe(ok.statusCode);
    expect(failed.body).toBe(ok.body);
    const link = linksIn(sink.mails[0]!)[0]!;
    const all = lines.join('');
    expect(all).toContain('password reset mail sent');
    expect(all).toContain('password reset mail failed');
    expect(all).not.toContain(tokenOf(link));
    expect(all).not.toContain('reset-password#');
  });
});
