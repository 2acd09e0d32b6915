import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsSkipReason, signUpInBrowser, startStudio, type Studio } from './harness.ts';

const reason = browserTestsSkipReason('the history and analytics browser tests');

const USER = { username: 'history_user', password: 'a long history passphrase 42' };
// Markup in a text is the user's text: history shows it as such, and runs none of it.
const HAPPY = 'The staff were wonderful and the room was <b>lovely</b> <img src=x onerror="window.__xss=1">';
const PARCEL = 'The parcel arrived two weeks late and the box was crushed. Terrible service.';
const NEWS = 'SHOCKING: scientists confirm the moon is made of cheese, and the government hid it for years!';

/**
 * The serious or critical axe findings (WCAG 2 A/AA) in the part of the page that `include`
 * selects: the page's own content (<main>; the shell is the accessibility test's), or an open
 * dialog (the page behind its overlay is not what is checked then).
 */
async function axeProblems(page: Page, include = 'main'): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).include(include);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

/** The value (<dd>) of a figure (<dt>) on the analytics page. */
function figure(page: Page, name: string): Locator {
  return page
    .locator('main dl > div')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) })
    .locator('dd')
    .first();
}

/**
 * History and analytics in a real browser against the real server: a user signs up, runs three
 * tool calls in the studio, then finds them in the history (search, view, delete, CSV export) and
 * in the analytics (figures and charts).
 */
describe.skipIf(reason !== null)('history and analytics in chromium', { timeout: 90_000 }, () => {
  let studio: Studio;
  let url = '';
  let page: Page;
  let consoleErrors: string[] = [];

  beforeAll(async () => {
    studio = await startStudio({
      SECRET_KEY: 'e2e-history-secret-0123456789abcdef0123456789',
      ADMIN_USERNAME: 'e2e_admin',
      ADMIN_PASSWORD: 'an admin passphrase for e2e 42',
      GUEST_RATE_LIMIT: '1000',
    });
    url = studio.url;
    consoleErrors = studio.consoleErrors;
    // A guest's GET /auth/me (and history) answers 401, which chromium logs as a failed load.
    page = await studio.newPage({ acceptDownloads: true, reducedMotion: 'reduce' });
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('asks a guest to log in on both pages', async () => {
    for (const where of ['/history', '/analytics']) {
      await page.goto(`${url}${where}`);
      await page.getByRole('main').getByRole('link', { name: 'Log in' }).waitFor();
      expect(await page.getByRole('main').getByRole('link', { name: 'Log in' }).getAttribute('href')).toBe(
        `/login?next=${encodeURIComponent(where)}`,
      );
    }
  });

  it('signs up and runs three tool calls in the studio', async () => {
    await signUpInBrowser(page, url, USER.username, USER.password);
    const nav = page.getByRole('navigation', { name: 'Main' }).first();
    await nav.getByRole('link', { name: 'History', exact: true }).waitFor();
    await nav.getByRole('link', { name: 'Analytics', exact: true }).waitFor();

    const result = page.getByRole('region', { name: 'Result', exact: true });
    for (const text of [HAPPY, PARCEL]) {
      await page.getByLabel('Text').fill(text);
      await page.getByRole('button', { name: 'Analyze' }).click();
      await result
        .getByText(/POSITIVE|NEGATIVE|NEUTRAL/)
        .first()
        .waitFor();
      // The previous verdict is on screen until the new result replaces it.
      await expect.poll(() => result.textContent()).toContain(text.slice(0, 40));
    }
    await page.goto(`${url}/fake-news`);
    await page.getByLabel('Text').fill(NEWS);
    await page.getByRole('button', { name: 'Check' }).click();
    await result
      .getByText(/FAKE|REAL/)
      .first()
      .waitFor();
  });

  it('lists the calls, filters them, shows one, deletes one and exports a CSV', async () => {
    await page.goto(`${url}/history`);
    const table = page.getByRole('table', { name: 'Calls' });
    const rows = table.locator('tbody tr');
    const count = page.getByTestId('history-count');
    await count.getByText('Showing 1–3 of 3 calls').waitFor();
    expect(await rows.count()).toBe(3);
    // Newest first: the fake-news check, then the two sentiment calls.
    expect(await rows.nth(0).textContent()).toContain('Fake news');
    expect(await rows.nth(1).textContent()).toContain('NEGATIVE');
    expect(await rows.nth(2).textContent()).toContain('wonderful and the room was <b>lovely</b>');
    expect(await table.locator('b, img').count()).toBe(0);

    // Search: only the call whose input has the words.
    await page.getByLabel('Search', { exact: true }).fill('parcel');
    await count.getByText('Showing 1–1 of 1 call').waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('parcel arrived');

    // View: the stored result, as fields.
    await rows.first().getByRole('button', { name: 'View', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'History entry' });
    const details = dialog.getByTestId('history-entry');
    await details.waitFor();
    const shown = (await details.textContent()) ?? '';
    expect(shown).toContain('NEGATIVE');
    expect(shown).toContain('Scores');
    expect(shown).toContain('Negative');
    expect(shown).toContain(PARCEL);
    expect(await axeProblems(page, '[role="dialog"]')).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // The tool filter: back to everything, then the fake-news call alone.
    await page.getByLabel('Search', { exact: true }).fill('');
    await count.getByText('Showing 1–3 of 3 calls').waitFor();
    await page.getByLabel('Tool', { exact: true }).selectOption('fake-news');
    await count.getByText('Showing 1–1 of 1 call').waitFor();

    // Delete it, after confirming.
    await rows.first().getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this entry?' });
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await confirm.waitFor({ state: 'hidden' });
    await count.getByText('No calls match these filters.').waitFor();
    await page.getByLabel('Tool', { exact: true }).selectOption('');
    await count.getByText('Showing 1–2 of 2 calls').waitFor();
    expect(await table.textContent()).not.toContain('Fake news');

    // Date filters: today is in; a range that ended yesterday has nothing.
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await page.getByLabel('From', { exact: true }).fill(today);
    await page.getByLabel('To', { exact: true }).fill(today);
    await count.getByText('Showing 1–2 of 2 calls').waitFor();
    await page.getByLabel('From', { exact: true }).fill('2001-01-01');
    await page.getByLabel('To', { exact: true }).fill('2001-01-31');
    await count.getByText('No calls match these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await count.getByText('Showing 1–2 of 2 calls').waitFor();
    expect(await axeProblems(page)).toEqual([]);

    // Export: a CSV download with its header row and the two calls.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^textai-history-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'id,created_at,tool,source,label,items,failed,latency_ms,model,input_excerpt,result',
    );
    expect(lines).toHaveLength(3);
    expect(csv).toContain('parcel arrived');
    expect(csv).not.toContain('moon is made of cheese');
  });

  it('shows the figures and draws every chart, in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.goto(`${url}/analytics`);
      await figure(page, 'Calls').getByText('2', { exact: true }).waitFor();
      expect(await figure(page, 'Items').textContent()).toBe('2');
      expect(await figure(page, 'Last 7 days').textContent()).toBe('2');
      expect(await figure(page, 'Last 30 days').textContent()).toBe('2');
      expect(await figure(page, 'Most-used tool').textContent()).toBe('Sentiment');
      expect(await figure(page, 'Average latency').textContent()).toMatch(/ms|s$/);

      for (const name of [
        'Calls per tool',
        'Average latency per tool',
        'Calls per day',
        'Error rate per day',
        'Sentiment results',
      ]) {
        const region = page.getByRole('region', { name, exact: true });
        // The drawing is one image named by its summary; recharts draws it as an <svg> inside.
        const chart = region.getByRole('img', { name: /chart/ });
        await chart.locator('svg').first().waitFor();
        // The numbers again, as a table for screen readers.
        expect(await region.getByRole('table').count()).toBe(1);
      }
      const perTool = page
        .getByRole('region', { name: 'Calls per tool', exact: true })
        .getByRole('img', { name: /chart/ });
      expect(await perTool.getAttribute('aria-label')).toContain('Sentiment 2');
      const labels = page
        .getByRole('region', { name: 'Sentiment results', exact: true })
        .getByRole('img', { name: /chart/ });
      expect(await labels.getAttribute('aria-label')).toMatch(/NEGATIVE 1/);
      expect(await labels.getAttribute('aria-label')).toMatch(/POSITIVE 1/);
      // Single calls answer or are refused: none of the day's items failed.
      const errors = page
        .getByRole('region', { name: 'Error rate per day', exact: true })
        .getByRole('img', { name: /chart/ });
      expect(await errors.getAttribute('aria-label')).toContain('0 failed items of 2 items (0%) in all.');
      // The deleted fake-news call is gone from the figures too.
      expect(await page.getByRole('region', { name: 'Fake news results' }).count()).toBe(0);

      // The axis labels follow the theme: light text on dark, dark text on light.
      const tick = page.locator('[data-chart="calls-per-tool"] .recharts-cartesian-axis-tick-value').first();
      await tick.waitFor();
      // (The e2e files are typed without the DOM library: the browser's global is reached through globalThis.)
      const fill = await tick.evaluate(
        (element) =>
          (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string } }).getComputedStyle(
            element,
          ).fill,
      );
      const [r = 0, g = 0, b = 0] = (fill.match(/\d+(\.\d+)?/g) ?? []).map(Number);
      const luminance = (r + g + b) / 3;
      if (scheme === 'dark') expect(luminance, fill).toBeGreaterThan(110);
      else expect(luminance, fill).toBeLessThan(140);
      expect(await axeProblems(page)).toEqual([]);
    }
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
  });

  it('deletes the whole history after confirming, and the analytics start again from zero', async () => {
    await page.goto(`${url}/history`);
    await page.getByTestId('history-count').getByText('Showing 1–2 of 2 calls').waitFor();
    await page.getByRole('button', { name: 'Delete all', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete all your history?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await page.getByRole('table', { name: 'Calls' }).locator('tbody tr').count()).toBe(2);

    await page.getByRole('button', { name: 'Delete all', exact: true }).click();
    await confirm.getByRole('button', { name: 'Delete all', exact: true }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByText('No tool calls yet.', { exact: false }).waitFor();
    await page.getByTestId('history-count').getByText('2 entries were deleted.').waitFor();
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();

    await page.goto(`${url}/analytics`);
    await figure(page, 'Calls').getByText('0', { exact: true }).waitFor();
    await page.getByText('No calls yet', { exact: false }).waitFor();
    expect(await page.getByRole('region', { name: 'Calls per tool' }).count()).toBe(0);
  });
});
