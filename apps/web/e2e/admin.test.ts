import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, browserTestsSkipReason, startStudio, type Studio } from './harness.ts';

const reason = browserTestsSkipReason('the admin browser tests');

const ADMIN = { username: 'admin_e2e', password: 'an admin passphrase for e2e 42' };
const USER = { username: 'plain_user', email: 'plain_user@example.org', password: 'a plain passphrase 4242' };

/** The admin page in chromium against the real server: who may see it, users, health, audit log. */
describe.skipIf(reason !== null)('the admin page in chromium', { timeout: 120_000 }, () => {
  let studio: Studio;
  let url = '';
  let browser: Browser;
  let admin: BrowserContext;
  let user: BrowserContext;

  beforeAll(async () => {
    studio = await startStudio({
      SECRET_KEY: 'admin-e2e-secret-0123456789abcdef0123456789abcdef',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
    });
    url = studio.url;
    browser = studio.browser;
    user = await browser.newContext();
    admin = await browser.newContext();
    await apiSession(user, url, 'signup', USER);
    await apiSession(admin, url, 'login', ADMIN);
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('tells guests and users it is for admins only, and shows them no Admin link', async () => {
    const guestPage = await browser.newPage();
    await guestPage.goto(`${url}/admin`);
    await guestPage.getByText('Admins only').waitFor();
    expect(await guestPage.getByRole('table').count()).toBe(0);
    await guestPage.close();

    const page = await user.newPage();
    await page.goto(`${url}/admin`);
    await page.getByText('Admins only').waitFor();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    expect(await page.getByRole('link', { name: 'Admin', exact: true }).count()).toBe(0);
    await page.close();
  });

  it('shows the system health and readiness to the admin, with the Admin link in the navigation', async () => {
    const page: Page = await admin.newPage();
    await page.goto(url);
    await page.getByRole('link', { name: 'Admin', exact: true }).first().click();
    await page.waitForURL(`${url}/admin`);
    const health = page.getByRole('region', { name: 'System health' });
    await health.getByText('Uptime').waitFor();
    for (const label of ['Memory', 'Database', 'Queue depth', 'Error rate (24 h)', 'Calls (24 h)', 'Jobs']) {
      expect(await health.getByText(label, { exact: true }).count(), label).toBe(1);
    }
    await health.getByText('Ready to serve').waitFor();
    const models = page.getByRole('table', { name: 'Readiness' });
    expect(await models.getByText('sentiment', { exact: true }).count()).toBe(1);
    await page.close();
  });

  it('charts everyone’s calls and error rate per day and latency per tool', async () => {
    // Two calls by the plain user (the admin's analytics cover everyone): one text, and a batch of
    // two in which the empty text fails.
    const csrf = await user.request.get(`${url}/api/v1/auth/csrf`);
    const { csrf_token: token } = (await csrf.json()) as { csrf_token: string };
    const call = await user.request.post(`${url}/api/v1/sentiment`, {
      headers: { 'x-csrf-token': token },
      data: { text: 'The staff were lovely.' },
    });
    expect(call.status()).toBe(200);
    const batch = await user.request.post(`${url}/api/v1/batch/sentiment`, {
      headers: { 'x-csrf-token': token },
      data: { texts: ['The room was cold.', ''] },
    });
    expect(await batch.json()).toMatchObject({ total: 2, failed: 1 });

    const page = await admin.newPage();
    await page.goto(`${url}/admin`);
    const health = page.getByRole('region', { name: 'System health' });
    const perDay = health.getByRole('region', { name: 'Calls per day' });
    const latency = health.getByRole('region', { name: 'Average latency per tool' });
    const errors = health.getByRole('region', { name: 'Error rate per day' });
    // Each chart is one image named by its summary, with the drawing (an <svg>) inside.
    const image = (chart: typeof perDay) => chart.locator('div[role="img"]');
    for (const chart of [perDay, latency, errors]) {
      await image(chart).locator('svg').first().waitFor();
    }
    expect(await image(perDay).getAttribute('aria-label')).toMatch(/2 calls in all/);
    expect(await image(latency).getAttribute('aria-label')).toMatch(/Sentiment \d/);
    expect(await image(errors).getAttribute('aria-label')).toMatch(
      /all users, .*: 1 failed item of 3 items \(33%\) in all, the highest on .* \(33%, 1 of 3\)\./,
    );
    // The numbers behind each chart, for screen readers.
    expect(await latency.getByRole('table', { name: /Average latency per tool/ }).count()).toBe(1);
    expect(await perDay.getByRole('table').locator('tbody tr').count()).toBe(30);
    const errorRows = errors.getByRole('table').locator('tbody tr');
    expect(await errorRows.count()).toBe(30);
    expect(await errorRows.last().textContent()).toMatch(/3\s*1\s*33%$/);
    await page.close();
  });

  it('searches users, changes a tier, disables and enables an account, and issues a reset link', async () => {
    const page = await admin.newPage();
    await page.goto(`${url}/admin`);
    const users = page.getByRole('table', { name: 'Users' });
    await users.getByLabel(`Tier of ${ADMIN.username}`).waitFor();
    // The admin's own row cannot be demoted or disabled (the server refuses it too).
    expect(await users.getByLabel(`Tier of ${ADMIN.username}`).isDisabled()).toBe(true);

    await page.getByLabel('Search users').fill('plain');
    await users.getByLabel(`Tier of ${ADMIN.username}`).waitFor({ state: 'detached' });
    const tier = users.getByLabel(`Tier of ${USER.username}`);
    await tier.selectOption('pro');
    await page.getByRole('status').getByText(`${USER.username} is now on the pro tier.`).waitFor();

    await users.getByRole('switch', { name: `${USER.username} can log in` }).click({ force: true });
    const confirm = page.getByRole('dialog', { name: `Disable ${USER.username}?` });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Disable account' }).click();
    await page.getByRole('status').getByText(`${USER.username} is disabled`).waitFor();
    // The dialog is gone once the change is made.
    await confirm.waitFor({ state: 'detached' });
    expect(await users.getByRole('switch', { name: `${USER.username} can log in` }).isChecked()).toBe(false);
    // Disabling ended the user's session.
    const me = await user.request.get(`${url}/api/v1/auth/me`);
    expect(me.status()).toBe(401);

    await users.getByRole('switch', { name: `${USER.username} can log in` }).click({ force: true });
    await page.getByRole('status').getByText(`${USER.username} can log in again.`).waitFor();

    await users.getByRole('button', { name: `Reset link for ${USER.username}` }).click();
    const dialog = page.getByRole('dialog', { name: `Reset link for ${USER.username}` });
    const link = await dialog.getByLabel('One-time link').inputValue();
    expect(link).toMatch(/\/reset-password#token=\S{10,}$/);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The audit log on the same page has caught up with what was just done.
    const audit = page.getByRole('table', { name: 'Audit log' });
    await audit.locator('tbody tr').first().getByText('Password reset issued').waitFor();
    await page.close();
  });

  it('lists the audit log newest first, filtered by event', async () => {
    const page = await admin.newPage();
    await page.goto(`${url}/admin`);
    const audit = page.getByRole('table', { name: 'Audit log' });
    await audit.locator('tbody tr').first().waitFor();
    expect(await audit.locator('tbody tr').first().textContent()).toContain('Password reset issued');
    await page.getByLabel('Event').selectOption('tier_changed');
    await audit.getByText('Password reset issued').waitFor({ state: 'detached' });
    await audit.getByText('Tier changed').waitFor();
    expect(await audit.locator('tbody tr').count()).toBe(1);
    expect(await audit.locator('tbody tr').first().textContent()).toContain(USER.username);
    await page.getByText(/1–1 of 1 events/).waitFor();
    await page.close();
  });
});
