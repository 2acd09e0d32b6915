import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx, makeExeLike } from '../../server/test/documents/fixtures.ts';
import { browserTestsSkipReason, startStudio, type Studio } from './harness.ts';

const reason = browserTestsSkipReason('the job-match upload browser tests');

/** /job-match with the résumé and the job description uploaded as files (multipart to the server). */
describe.skipIf(reason !== null)(
  'job match with uploaded documents in chromium',
  { timeout: 120_000 },
  () => {
    let studio: Studio;
    let page: Page;
    let dir = '';

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'textai-upload-'));
      writeFileSync(
        path.join(dir, 'resume.txt'),
        'Jordan Lee, Backend Developer\n\nBuilt REST APIs in Python and Django for six years.\n' +
          'Skills: Python, Django, PostgreSQL, Docker, AWS, Git, Linux\n',
      );
      writeFileSync(
        path.join(dir, 'job.docx'),
        makeDocx([
          'Senior Backend Engineer',
          'Requirements: Python, PostgreSQL, Docker, Kubernetes, REST API design.',
          'Nice to have: Go, Kafka, experience with AWS.',
        ]),
      );
      writeFileSync(path.join(dir, 'resume.pdf'), makeExeLike());
      studio = await startStudio({
        SECRET_KEY: 'e2e-secret-0123456789abcdef0123456789abcdef',
        GUEST_RATE_LIMIT: '1000',
      });
      // The refused upload (415) is logged by chromium as a failed load, like a guest's 401.
      page = await studio.newPage({ ignoreConsole: /status of (401|415)/ });
    });
    afterAll(async () => {
      await studio?.close();
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    it('matches a TXT résumé against a DOCX job description', async () => {
      await page.goto(`${studio.url}/job-match`);
      const resumeFile = page.getByLabel('Resume file', { exact: true });
      expect(await resumeFile.getAttribute('accept')).toBe('.pdf,.docx,.txt');
      expect(await page.getByText('up to 10 MB').count()).toBe(2);

      const requests: string[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/api/v1/job-match'))
          requests.push(request.headers()['content-type'] ?? '');
      });
      await resumeFile.setInputFiles(path.join(dir, 'resume.txt'));
      await page
        .getByLabel('Job description file', { exact: true })
        .setInputFiles(path.join(dir, 'job.docx'));
      await page.getByText('job.docx', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Match', exact: true }).click();

      const result = page.getByRole('region', { name: 'Result', exact: true });
      await result.getByText('Recommendation', { exact: true }).waitFor();
      expect(await result.textContent()).toMatch(/(Excellent|Strong|Good|Fair|Weak) Match/);
      expect(await result.textContent()).toContain('PostgreSQL');
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatch(/^multipart\/form-data; boundary=/);
      // The textareas were left empty and untouched.
      expect(await page.getByLabel('Resume', { exact: true }).inputValue()).toBe('');
      expect(studio.consoleErrors, studio.consoleErrors.join('\n')).toEqual([]);
    });

    it("shows the server's 415 for an executable, and Remove drops the file", async () => {
      await page.getByRole('button', { name: 'Remove resume.txt' }).click();
      expect(await page.getByText('resume.txt', { exact: true }).count()).toBe(0);
      await page.getByLabel('Resume file', { exact: true }).setInputFiles(path.join(dir, 'resume.pdf'));
      await page.getByRole('button', { name: 'Match', exact: true }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'not a supported document' });
      await alert.waitFor();
      expect(await alert.textContent()).toContain('resume:');

      await page.getByRole('button', { name: 'Remove resume.pdf' }).click();
      expect(await page.getByLabel('Resume file', { exact: true }).inputValue()).toBe('');
      await page.getByRole('button', { name: 'Match', exact: true }).click();
      await page.getByText('Paste the résumé or choose a file.').waitFor();
      expect(studio.consoleErrors, studio.consoleErrors.join('\n')).toEqual([]);
    });
  },
);
