import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsSkipReason, signUpInBrowser, startStudio, type Studio } from './harness.ts';

const reason = browserTestsSkipReason('the settings and batch browser tests');

const USERNAME = 'settings_user';
const PASSWORD = 'a long settings passphrase 42';
const NEW_PASSWORD = 'another long passphrase 4711';

const CSV = [
  'id,review,stars',
  '1,"The staff were lovely, and the room was spotless.",5',
  '2,The parcel arrived two weeks late and the box was crushed.,1',
  '3,The meeting has been moved to Thursday.,3',
  '',
].join('\n');

/**
 * Settings and Batch in a real browser (Debian's chromium through playwright-core) against the
 * real server: an API key made in the page works from outside it, and stops working once revoked;
 * a CSV runs as a file job with live progress and its results download; the password changes.
 */
describe.skipIf(reason !== null)('settings and batch in chromium', { timeout: 60_000 }, () => {
  let studio: Studio;
  let url = '';
  let page: Page;
  let dataDir = '';
  let pageErrors: string[] = [];
  const requests: string[] = [];

  const sentimentWith = (key: string) =>
    fetch(`${url}/api/v1/sentiment`, {
      method: 'POST',
      headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'The staff were lovely.' }),
    });

  beforeAll(async () => {
    studio = await startStudio({
      SECRET_KEY: 'e2e-secret-0123456789abcdef0123456789abcdef',
      ADMIN_USERNAME: 'e2e_admin',
      ADMIN_PASSWORD: 'an admin passphrase for e2e 42',
    });
    url = studio.url;
    dataDir = studio.dataDir;
    pageErrors = studio.consoleErrors;
    // Content-Security-Policy refusals and script errors; failed loads (a 401 of a guest) are expected.
    page = await studio.newPage({ ignoreConsole: /Failed to load resource/ });
    page.on('request', (request) => requests.push(`${request.method()} ${new URL(request.url()).pathname}`));
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('signs up, creates an API key that works from a script, and revokes it', async () => {
    await page.goto(`${url}/settings`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    // A guest is asked to log in.
    await page.getByText('Log in to manage your API keys').waitFor();

    await signUpInBrowser(page, url, USERNAME, PASSWORD);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Key name').fill('e2e script');
    await page.getByLabel('Expires in days').fill('30');
    await page.getByRole('button', { name: 'Create key' }).click();
    const box = page.getByRole('region', { name: 'New API key' });
    await box.getByText('it will not be shown again').waitFor();
    await box.getByRole('button', { name: 'Copy key' }).waitFor();
    const key = await box.getByLabel('Your new API key').inputValue();
    expect(key).toMatch(/^tai_/);
    // The snippets carry the new key.
    expect(await page.locator('[data-snippet="curl"]').textContent()).toContain(`X-API-Key: ${key}`);

    const table = page.getByRole('table', { name: 'Your API keys' });
    const row = table.getByRole('row').filter({ hasText: 'e2e script' });
    await row.getByText(`${key.slice(-4)}`).waitFor();

    const allowed = await sentimentWith(key);
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { label: string }).label).toMatch(/POSITIVE|NEGATIVE|NEUTRAL/);

    await row.getByRole('button', { name: /^Revoke/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    await row.getByText('Revoked').waitFor();
    expect(await box.count()).toBe(0);
    expect(await page.locator('[data-snippet="curl"]').textContent()).toContain('YOUR_API_KEY');

    const refused = await sentimentWith(key);
    expect(refused.status).toBe(401);
  });

  it('previews a CSV, runs it as a job with live progress, and downloads the results', async () => {
    const file = path.join(dataDir, 'reviews.csv');
    writeFileSync(file, CSV);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Batch' }).click();
    await page.getByLabel('File', { exact: true }).setInputFiles(file);

    const preview = page.getByRole('region', { name: 'File preview' });
    await preview.getByRole('columnheader', { name: 'review' }).waitFor();
    expect(await preview.textContent()).toContain('The staff were lovely, and the room was spotless.');
    expect(await page.getByLabel('Tool', { exact: true }).inputValue()).toBe('sentiment');
    // The text column is guessed from the header, among the header's names.
    expect(await page.getByLabel('Text column').inputValue()).toBe('review');

    await page.getByRole('button', { name: 'Start' }).click();
    const job = page.getByRole('region', { name: 'Current job' });
    await job.locator('[data-status="done"]').waitFor({ timeout: 40_000 });
    expect(await job.getByRole('progressbar', { name: 'Job progress' }).getAttribute('aria-valuenow')).toBe(
      '100',
    );
    expect(await job.textContent()).toContain('3 of 3 rows');
    // The progress came over Server-Sent Events, with no fallback to polling.
    expect(requests.some((r) => /^GET \/api\/v1\/jobs\/[^/]+\/events$/.test(r))).toBe(true);
    expect(requests.some((r) => /^GET \/api\/v1\/jobs\/[^/?]+$/.test(r))).toBe(false);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      job.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const saved = await download.path();
    const lines = readFileSync(saved, 'utf8').trim().split(/\r?\n/);
    const header = (lines[0] ?? '').split(',');
    expect(header).toEqual(expect.arrayContaining(['row', 'id', 'review', 'stars', 'label', 'score']));
    expect(lines).toHaveLength(4);

    // The job is in the list of past jobs too.
    const list = page.getByRole('table', { name: 'Your jobs' });
    await list.getByRole('row').filter({ hasText: 'reviews.csv' }).getByText('Done').waitFor();
  });

  it('changes the password, which then logs in', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Current password').fill('not my password at all');
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('the current password is wrong').waitFor();
    // A wrong current password is not a lost session: still logged in.
    await page.getByRole('button', { name: 'Log out' }).waitFor();

    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your other sessions have been logged out.').waitFor();

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('link', { name: 'Log in' }).first().waitFor();
    await page.goto(`${url}/login`);
    await page.getByLabel('Username').fill(USERNAME);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${url}/sentiment`);
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });
});
