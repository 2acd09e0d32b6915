import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, browserTestsSkipReason, startStudio, type Studio } from './harness.ts';

const reason = browserTestsSkipReason('the reset-password browser tests');

const ADMIN = { username: 'admin_reset', password: 'an admin passphrase for resets 42' };
const USER = { username: 'forgetful', email: 'forgetful@example.org', password: 'the old passphrase 4242' };
const NEW_PASSWORD = 'a brand new passphrase 777';

/** The admin's one-time reset link, issued from the Users table of /admin. */
async function issueResetLink(admin: BrowserContext, url: string, username: string): Promise<string> {
  const page = await admin.newPage();
  await page.goto(`${url}/admin`);
  await page.getByLabel('Search users').fill(username);
  const users = page.getByRole('table', { name: 'Users' });
  await users.getByRole('button', { name: `Reset link for ${username}` }).click();
  const dialog = page.getByRole('dialog', { name: `Reset link for ${username}` });
  const link = await dialog.getByLabel('One-time link').inputValue();
  await page.close();
  return link;
}

async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** A local SMTP sink (127.0.0.1, random port, no TLS) that accepts and drops every mail. */
async function startSink(): Promise<{ server: SMTPServer; port: number }> {
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { server, port: (server.server.address() as AddressInfo).port };
}

/** Password reset by link, forgot password, and the store-inputs setting, in chromium against the real server. */
describe.skipIf(reason !== null)('password reset and settings in chromium', { timeout: 120_000 }, () => {
  let studio: Studio;
  let url = '';
  let browser: Browser;
  let admin: BrowserContext;
  let resetContext: BrowserContext;
  let smtp: SMTPServer | undefined;

  beforeAll(async () => {
    const sink = await startSink();
    smtp = sink.server;
    studio = await startStudio({
      SECRET_KEY: 'reset-e2e-secret-0123456789abcdef0123456789abcdef',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      // Forgot password mails the link: without SMTP the server turns the feature off.
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.port),
      SMTP_FROM: 'TextAI Studio <studio@example.org>',
    });
    url = studio.url;
    browser = studio.browser;
    admin = await browser.newContext();
    await apiSession(admin, url, 'login', ADMIN);
    const signup = await browser.newContext();
    await apiSession(signup, url, 'signup', USER);
    await signup.close();
  });
  afterAll(async () => {
    await studio?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  it('sets a new password from the admin’s one-time link, logs in with it, and refuses the used link', async () => {
    const link = await issueResetLink(admin, url, USER.username);
    expect(link).toMatch(/\/reset-password#token=\S{10,}$/);

    // A fresh browser: no session, no cookies.
    resetContext = await browser.newContext();
    const page = await resetContext.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Set a new password' }).waitFor();
    await page.getByText('At least 12 characters').waitFor();
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('status').getByText('Password set').waitFor();
    await page.getByRole('link', { name: 'Log in with your new password' }).click();
    await page.waitForURL(`${url}/login`);

    await logIn(page, USER.username, USER.password);
    await page.getByText('Not recognised').waitFor();
    await logIn(page, USER.username, NEW_PASSWORD);
    await page.getByRole('button', { name: 'Log out' }).waitFor();

    // The link worked once: opened again, the server's error is shown.
    const again = await (await browser.newContext()).newPage();
    await again.goto(link);
    await again.getByLabel('New password').fill('yet another passphrase 99');
    await again.getByRole('button', { name: 'Set password' }).click();
    await again.getByText('this reset link is invalid, used or expired').waitFor();
    await again.context().close();
  });

  it('links Forgot password? from the login page and answers alike for known and unknown accounts', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${url}/login`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL(`${url}/forgot-password`);
    const messages: string[] = [];
    for (const email of [USER.email, 'nobody-here@example.org']) {
      await page.getByLabel('Email').fill(email);
      await page.getByRole('button', { name: 'Send reset link' }).click();
      const status = page.getByRole('status').filter({ hasText: 'If an account matches' });
      await status.waitFor();
      messages.push((await status.textContent()) ?? '');
    }
    expect(messages[0]).toBe(messages[1]);
    await context.close();
  });

  it('keeps the store-inputs setting across a reload', async () => {
    const page = await resetContext.newPage();
    await page.goto(`${url}/settings`);
    const toggle = page.getByRole('switch', { name: 'Keep my inputs in history' });
    await toggle.waitFor({ state: 'attached' });
    expect(await toggle.isChecked()).toBe(true);
    const saved = page.waitForResponse(
      (response) =>
        response.url().endsWith('/api/v1/account/settings') && response.request().method() === 'PATCH',
    );
    await toggle.click({ force: true });
    expect((await saved).status()).toBe(200);
    await page
      .getByRole('switch', { name: 'Keep my inputs in history', checked: false })
      .waitFor({ state: 'attached' });

    await page.reload();
    await page.getByRole('switch', { name: 'Keep my inputs in history' }).waitFor({ state: 'attached' });
    expect(await page.getByRole('switch', { name: 'Keep my inputs in history' }).isChecked()).toBe(false);
    const me = await resetContext.request.get(`${url}/api/v1/auth/me`);
    expect(((await me.json()) as { user: { store_inputs: boolean } }).user.store_inputs).toBe(false);
    await page.close();
  });
});
