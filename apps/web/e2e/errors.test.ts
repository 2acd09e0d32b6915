import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsSkipReason, signUpInBrowser, startStudio, type Studio } from './harness.ts';

const reason = browserTestsSkipReason('the browser tests');

const PASSWORD = 'a long passphrase for error tests 7';

/**
 * The server's refusals as a user meets them, on a server with guests off, a 200-character text
 * limit and 4 requests an hour: a lost session returns to the login and keeps the typed text; a
 * text over the limit and the rate limit show the server's own message.
 */
describe.skipIf(reason !== null)('server errors in the web app', { timeout: 120_000 }, () => {
  let studio: Studio;
  let url = '';
  let page: Page;

  beforeAll(async () => {
    studio = await startStudio({
      SECRET_KEY: 'e2e-errors-secret-0123456789abcdef0123456789',
      ADMIN_USERNAME: 'errors_admin',
      ADMIN_PASSWORD: 'an admin passphrase for errors 42',
      ENABLE_GUEST_ACCESS: 'false',
      MAX_TEXT_CHARS: '200',
      USER_RATE_LIMIT: '4',
    });
    url = studio.url;
    page = await studio.newPage();
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('sends a logged-out user to the login and brings the typed text back', async () => {
    await signUpInBrowser(page, url, 'error_user', PASSWORD);
    // The session ends behind the page's back (expiry, or logged out elsewhere).
    await page.context().clearCookies();
    await page.getByLabel('Text').fill('Kept across the login, word for word.');
    await page.getByRole('button', { name: 'Analyze' }).click();
    await page.waitForURL(/\/login\?next=%2Fsentiment/);
    await page.getByText(/typed is kept/i).waitFor();
    await page.getByLabel('Username').fill('error_user');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${url}/sentiment`);
    expect(await page.getByLabel('Text').inputValue()).toBe('Kept across the login, word for word.');
  });

  it('shows the text limit and the rate limit with the server’s messages', async () => {
    await page.getByLabel('Text').fill('x'.repeat(300));
    await page.getByRole('button', { name: 'Analyze' }).click();
    const tooLong = page.getByRole('alert').filter({ hasText: 'Too long' });
    await tooLong.waitFor();
    expect(await tooLong.textContent()).toMatch(/300 characters; the limit is 200/);

    await page.getByLabel('Text').fill('A short and pleasant text.');
    const limited = page.getByRole('alert').filter({ hasText: 'Rate limit reached' });
    for (let i = 0; i < 6 && !(await limited.isVisible()); i++) {
      await page.getByRole('button', { name: 'Analyze' }).click();
      await page.waitForTimeout(300);
    }
    expect(await limited.isVisible()).toBe(true);
    expect(await limited.textContent()).toMatch(/rate limit of 4 requests per hour/);
  });
});
