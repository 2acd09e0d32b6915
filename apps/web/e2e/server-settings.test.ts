import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, browserTestsSkipReason, startStudio, type Studio } from './harness.ts';

const reason = browserTestsSkipReason('the server settings browser tests');

const ADMIN = { username: 'settings_admin', password: 'an admin passphrase for e2e 42' };

/**
 * The UI follows the server's settings (GET /api/v1/config) rather than assuming the defaults: a
 * server with a 1 MB upload limit, sign-up and guest access off and no reset emails.
 */
describe.skipIf(reason !== null)(
  'the web app on a locked-down server, in chromium',
  { timeout: 120_000 },
  () => {
    let studio: Studio;
    let guest: Page;
    let admin: BrowserContext;
    let dir = '';
    /** Paths of the API requests the admin's pages sent. */
    const sent: string[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'textai-limits-'));
      // Just over 1 MiB each: a text document and a CSV of rows.
      writeFileSync(path.join(dir, 'resume.txt'), 'Python developer. '.repeat(62_000));
      writeFileSync(path.join(dir, 'rows.csv'), `text\n${'A fine day out.\n'.repeat(70_000)}`);
      studio = await startStudio({
        SECRET_KEY: 'settings-e2e-secret-0123456789abcdef0123456789',
        ADMIN_USERNAME: ADMIN.username,
        ADMIN_PASSWORD: ADMIN.password,
        MAX_UPLOAD_MB: '1',
        ENABLE_USER_SIGNUP: 'false',
        ENABLE_GUEST_ACCESS: 'false',
      });
      guest = await studio.newPage();
      admin = await studio.browser.newContext();
      await apiSession(admin, studio.url, 'login', ADMIN);
      admin.on('request', (request) => {
        const { pathname } = new URL(request.url());
        if (pathname.startsWith('/api/')) sent.push(`${request.method()} ${pathname}`);
      });
    });
    afterAll(async () => {
      await studio?.close();
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    it('offers no sign-up and no reset email, and says why', async () => {
      const { url } = studio;
      await guest.goto(url);
      await guest.getByText('The tools are for account holders: log in to use them.').waitFor();
      const header = guest.locator('header');
      await header.getByRole('link', { name: 'Log in' }).waitFor();
      expect(await guest.getByRole('link', { name: /Sign up|Create an account/ }).count()).toBe(0);

      await guest.goto(`${url}/login`);
      await guest.getByText('No account yet? Ask the administrator of this server for one.').waitFor();
      expect(await guest.getByRole('link', { name: 'Forgot password?' }).count()).toBe(0);
      expect(await guest.getByRole('link', { name: 'Create an account' }).count()).toBe(0);

      await guest.goto(`${url}/signup`);
      await guest.getByText('Sign-up is closed').waitFor();
      expect(await guest.getByRole('main').getByRole('textbox').count()).toBe(0);

      await guest.goto(`${url}/forgot-password`);
      await guest.getByText('No reset emails here').waitFor();
      expect(await guest.getByRole('main').getByRole('textbox').count()).toBe(0);

      // With guest access off, the tool pages say so before anything is typed.
      await guest.goto(`${url}/sentiment`);
      const notice = guest.getByRole('alert').filter({ hasText: 'Log in to use the tools' });
      await notice.waitFor();
      expect(await notice.getByRole('link', { name: 'Log in' }).getAttribute('href')).toBe(
        '/login?next=%2Fsentiment',
      );
      expect(studio.consoleErrors, studio.consoleErrors.join('\n')).toEqual([]);
    });

    it('tells the real upload limit on job match and refuses a larger file before sending it', async () => {
      const page = await admin.newPage();
      await page.goto(`${studio.url}/job-match`);
      await page.getByText('up to 1 MB', { exact: false }).first().waitFor();
      expect(await page.getByText('up to 1 MB', { exact: false }).count()).toBe(2);
      expect(await page.getByText('up to 10 MB', { exact: false }).count()).toBe(0);

      await page.getByLabel('Resume file', { exact: true }).setInputFiles(path.join(dir, 'resume.txt'));
      await page.getByText(/This file is 1\.\d MB: over the 1 MB limit\./).waitFor();
      expect(await page.getByLabel('Resume file', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await page.getByLabel('Job description', { exact: true }).fill('Python developer wanted.');
      await page.getByRole('button', { name: 'Match', exact: true }).click();
      // Nothing went to the server: the field already says what is wrong.
      await page.getByRole('button', { name: 'Remove resume.txt' }).waitFor();
      expect(sent.filter((request) => request === 'POST /api/v1/job-match')).toEqual([]);
      expect(await page.getByRole('region', { name: 'Result', exact: true }).count()).toBe(0);
      await page.close();
    });

    it('tells the real upload limit on batch and refuses a larger file before sending it', async () => {
      const page = await admin.newPage();
      await page.goto(`${studio.url}/batch`);
      const file = page.getByLabel('File', { exact: true });
      await page.getByText(/Excel \(\.xlsx\), up to 1 MB;/).waitFor();
      await file.setInputFiles(path.join(dir, 'rows.csv'));
      await page.getByText(/This file is 1\.\d MB: over the 1 MB limit\./).waitFor();
      await page.getByRole('button', { name: 'Start', exact: true }).click();
      await page.getByRole('heading', { name: 'Your jobs' }).waitFor();
      expect(sent.filter((request) => request === 'POST /api/v1/jobs')).toEqual([]);
      await page.close();
      expect(studio.consoleErrors, studio.consoleErrors.join('\n')).toEqual([]);
    });
  },
);
