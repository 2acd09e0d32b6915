import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, browserTestsSkipReason, startStudio, type Studio } from './harness.ts';

/**
 * Accessibility of every page, checked by axe-core (the WCAG 2 A and AA rules: tags wcag2a, wcag2aa) in Debian's
 * chromium against the real server, plus keyboard reachability of the sentiment form.
 *
 * Which themes and widths: by default every page is checked in two combinations that between them
 * cover both themes and both widths (light at desktop 1280×800, dark at phone 390×844), which keeps
 * the run short enough for CI. `A11Y_FULL=1` checks the full matrix: light and dark at both widths.
 *
 * The test fails on any violation of impact "serious" or "critical" and prints each one (rule id,
 * help text, the first offending nodes); lesser ones are printed but do not fail it. It also fails
 * when a page scrolls sideways as a whole (reflow, which axe does not check).
 */

const reason = browserTestsSkipReason('the accessibility tests');

const ADMIN = { username: 'a11y_admin', password: 'an admin passphrase for a11y 42' };
const FULL = process.env['A11Y_FULL'] === '1';

type Theme = 'light' | 'dark';
interface Width {
  name: 'desktop' | 'phone';
  width: number;
  height: number;
}
const DESKTOP: Width = { name: 'desktop', width: 1280, height: 800 };
const PHONE: Width = { name: 'phone', width: 390, height: 844 };
const COMBINATIONS: readonly { theme: Theme; size: Width }[] = FULL
  ? [
      { theme: 'light', size: DESKTOP },
      { theme: 'dark', size: DESKTOP },
      { theme: 'light', size: PHONE },
      { theme: 'dark', size: PHONE },
    ]
  : [
      { theme: 'light', size: DESKTOP },
      { theme: 'dark', size: PHONE },
    ];

interface PageCheck {
  path: string;
  /** Checked logged in as the admin. */
  admin?: boolean;
  /** Pages other work adds to the router: checked only when the built app has them. */
  optional?: boolean;
  /** Brings the page to the state to check (after its <h1> is up). */
  prepare?: (page: Page) => Promise<void>;
}

const PAGES: readonly PageCheck[] = [
  { path: '/' },
  { path: '/login' },
  { path: '/signup' },
  { path: '/forgot-password' },
  // Without a token the page explains itself; with one (checked only on submit) it shows the form.
  { path: '/reset-password' },
  {
    path: '/reset-password#token=an-a11y-test-token-0123456789',
    prepare: async (page) => {
      await page.locator('input[name="new-password"]').waitFor();
    },
  },
  {
    path: '/sentiment',
    prepare: async (page) => {
      // A positive text: the verdict is then teal, the colour hardest to read on white.
      await page.getByLabel('Text').fill('The staff were wonderful and the room was lovely.');
      await page.getByRole('button', { name: 'Analyze' }).click();
      await page.getByRole('region', { name: 'Result', exact: true }).getByText('Probabilities').waitFor();
    },
  },
  { path: '/summarize' },
  { path: '/fake-news' },
  { path: '/job-match' },
  { path: '/terms' },
  { path: '/privacy' },
  { path: '/cookies' },
  {
    path: '/admin',
    admin: true,
    prepare: async (page) => {
      await page.getByRole('table', { name: 'Users' }).getByLabel(`Tier of ${ADMIN.username}`).waitFor();
      await page.getByRole('table', { name: 'Audit log' }).locator('tbody tr').first().waitFor();
      await page.getByText('Readiness').waitFor();
      await page.locator('[data-chart="admin-calls-per-day"] svg').first().waitFor();
      await page.locator('[data-chart="admin-latency-per-tool"] svg').first().waitFor();
      await page.locator('[data-chart="admin-error-rate-per-day"] svg').first().waitFor();
    },
  },
  { path: '/history', admin: true, optional: true },
  { path: '/analytics', admin: true, optional: true },
  { path: '/settings', admin: true, optional: true },
  { path: '/batch', admin: true, optional: true },
];

/** What has the keyboard focus, and whether it shows (the root tsconfig has no DOM types: a string). */
interface FocusedElement {
  tag: string;
  name: string;
  label: string;
  visible: boolean;
}
const DESCRIBE_FOCUS = `(() => {
  const element = document.activeElement;
  if (!(element instanceof HTMLElement) || element === document.body) return null;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
  const label = element.id ? document.querySelector('label[for="' + element.id + '"]') : null;
  return {
    tag: element.tagName.toLowerCase(),
    name: (element.getAttribute('aria-label') || element.textContent || '').trim().slice(0, 40),
    label: label ? label.textContent : '',
    visible: outline || shadow,
  };
})()`;

/** How many CSS pixels the page is wider than the viewport. */
const PAGE_OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';

interface Finding {
  where: string;
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

interface Audit {
  /** One line of the summary: the page, theme and width, and its violations by rule. */
  line: string;
  findings: Finding[];
}

/** Browser tabs per context (guest, admin) auditing pages side by side. */
const TABS = 2;

describe.skipIf(reason !== null)('accessibility (axe, WCAG 2 A/AA)', { timeout: 240_000 }, () => {
  let studio: Studio;
  let url = '';
  let browser: Browser;
  let guest: BrowserContext;
  let admin: BrowserContext;

  beforeAll(async () => {
    studio = await startStudio({
      SECRET_KEY: 'a11y-secret-0123456789abcdef0123456789abcdef',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      GUEST_RATE_LIMIT: '1000',
      // Reset emails set up (nothing is sent: no form is submitted), so /forgot-password shows its form.
      SMTP_HOST: '127.0.0.1',
    });
    url = studio.url;
    browser = studio.browser;
    guest = await browser.newContext({ reducedMotion: 'reduce' });
    admin = await browser.newContext({ reducedMotion: 'reduce' });
    await apiSession(admin, url, 'login', ADMIN);
  });
  afterAll(async () => {
    await studio?.close();
  });

  /** Loads one page in one theme and width, brings it to its state, and runs axe on it. */
  async function audit(page: Page, check: PageCheck, theme: Theme, size: Width): Promise<Audit> {
    const where = `${check.path} (${theme}, ${size.name})`;
    const started = performance.now();
    await page.setViewportSize({ width: size.width, height: size.height });
    // The app follows the OS scheme until the user picks one (no choice is stored here).
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await page.goto(`${url}${check.path}`);
    await page.locator('main h1').first().waitFor();
    if (check.optional === true && (await page.title()).startsWith('Page not found')) {
      return { line: `${where}: not in the router, skipped`, findings: [] };
    }
    await check.prepare?.(page);
    await page.waitForLoadState('networkidle');
    const scheme = await page.locator('html').getAttribute('data-mantine-color-scheme');
    expect(scheme, `${where}: colour scheme`).toBe(theme);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const findings: Finding[] = results.violations.map((violation) => ({
      where,
      id: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
    }));
    const counts = results.violations.map((v) => `${v.id} (${v.impact ?? '?'}, ${v.nodes.length})`);
    // Reflow (WCAG 1.4.10), which axe does not check: the page never scrolls sideways as a whole
    // (wide tables scroll inside their own region).
    const overflow = await page.evaluate<number>(PAGE_OVERFLOW);
    if (overflow > 0) {
      findings.push({
        where,
        id: 'reflow',
        impact: 'serious',
        help: `The page is ${overflow} px wider than the viewport (it scrolls sideways)`,
        targets: [],
      });
      counts.push('reflow (serious)');
    }
    const ms = (performance.now() - started).toFixed(0);
    return {
      line: `${where}: ${counts.length === 0 ? 'no violations' : counts.join(', ')} (${ms} ms)`,
      findings,
    };
  }

  it('has no serious or critical axe violations on any page, in either theme, at desktop and phone widths', async () => {
    const tasks = COMBINATIONS.flatMap(({ theme, size }) => PAGES.map((check) => ({ check, theme, size })));
    const audits: Audit[] = [];
    // A few tabs per context audit pages side by side; each takes the next task for its context.
    const taken = new Set<number>();
    const worker = async (page: Page, asAdmin: boolean) => {
      for (;;) {
        const index = tasks.findIndex((task, i) => !taken.has(i) && (task.check.admin === true) === asAdmin);
        if (index === -1) return;
        taken.add(index);
        const task = tasks[index];
        if (task !== undefined) audits[index] = await audit(page, task.check, task.theme, task.size);
      }
    };
    const tabs = async (context: BrowserContext, count: number) =>
      Promise.all(Array.from({ length: count }, () => context.newPage()));
    const [guestTabs, adminTabs] = await Promise.all([tabs(guest, TABS), tabs(admin, TABS)]);
    await Promise.all([
      ...guestTabs.map((page) => worker(page, false)),
      ...adminTabs.map((page) => worker(page, true)),
    ]);

    const findings = audits.flatMap((a) => a.findings);
    const mode = FULL ? 'full matrix' : 'light desktop + dark phone; A11Y_FULL=1 for the full matrix';
    console.info(`axe results (${mode}):\n${audits.map((a) => a.line).join('\n')}`);
    const blocking = findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
    const report = findings
      .map((f) => `${f.where} — [${f.impact}] ${f.id}: ${f.help}\n    ${f.targets.join('\n    ')}`)
      .join('\n');
    if (findings.length > 0) console.info(`axe violations:\n${report}`);
    expect(blocking.length, `serious or critical violations:\n${report}`).toBe(0);
  });

  it('fits a 320 px screen: the account buttons move into the menu, and no page scrolls sideways', async () => {
    const overflowing: string[] = [];
    for (const [context, paths, account] of [
      [guest, ['/', '/login', '/sentiment', '/analytics'], 'Log in'],
      [admin, ['/', '/job-match', '/analytics', '/admin'], 'Log out'],
    ] as const) {
      const page = await context.newPage();
      await page.setViewportSize({ width: 320, height: 640 });
      for (const path of paths) {
        await page.goto(`${url}${path}`);
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        const [scrollWidth, innerWidth] = await page.evaluate<[number, number]>(
          '[document.documentElement.scrollWidth, window.innerWidth]',
        );
        if (scrollWidth > innerWidth) overflowing.push(`${path}: ${scrollWidth} px in ${innerWidth} px`);
      }
      // Not in the header at this width, but at the foot of the menu.
      const header = page.locator('header');
      expect(await header.getByRole('button', { name: 'Open navigation' }).isVisible()).toBe(true);
      expect(await header.getByText(account, { exact: true }).isVisible()).toBe(false);
      await header.getByRole('button', { name: 'Open navigation' }).click();
      const menu = page.locator('#mobile-nav');
      await menu.getByText(account, { exact: true }).waitFor();
      await menu.getByRole('link', { name: 'Analytics', exact: true }).waitFor();
      await page.close();
    }
    expect(overflowing, overflowing.join('\n')).toEqual([]);
  });

  it('reaches the sentiment text and the Analyze button with Tab, each with a visible focus style', async () => {
    const page = await guest.newPage();
    await page.setViewportSize({ width: DESKTOP.width, height: DESKTOP.height });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${url}/sentiment`);
    await page.getByLabel('Text').waitFor();
    const reached = new Set<string>();
    const unstyled: string[] = [];
    for (let i = 0; i < 40 && !(reached.has('textarea') && reached.has('analyze')); i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate<FocusedElement | null>(DESCRIBE_FOCUS);
      if (focused === null) continue;
      if (!focused.visible) unstyled.push(`${focused.tag} "${focused.name}"`);
      if (focused.tag === 'textarea' && focused.label.startsWith('Text')) reached.add('textarea');
      if (focused.tag === 'button' && focused.name === 'Analyze') reached.add('analyze');
    }
    expect([...reached].sort()).toEqual(['analyze', 'textarea']);
    expect(unstyled, `focused with no outline or box-shadow: ${unstyled.join(', ')}`).toEqual([]);
  });
});
