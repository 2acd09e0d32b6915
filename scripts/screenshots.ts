/**
 * Screenshots of every page of the web app, for the README: `npm run screenshots` (after
 * `npm run build`). Starts the real server on a scratch data directory, signs up a user and logs in
 * the admin, gives them some history and a finished batch job, then visits every page in the light
 * and dark themes at desktop (1280×800) and phone (390×844) widths. Writes full-page PNGs to
 * docs/screenshots/PAGE-THEME-WIDTH.png (e.g. sentiment-dark-phone.png).
 *
 * Options: --out DIR (default docs/screenshots), --only PAGE[,PAGE…] (e.g. --only admin,terms).
 * Needs chromium (apt-get install chromium; CHROMIUM_PATH points elsewhere).
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { startServerProcess } from '../apps/server/test/helpers/processes.ts';
import { apiSession } from '../apps/web/e2e/api-session.ts';
import { browserUnavailableReason, launchBrowser } from '../apps/web/e2e/browser.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ADMIN = { username: 'admin', password: 'screenshots operator passphrase 42' };
const USER = { username: 'ada', email: 'ada@example.org', password: 'screenshots user passphrase 42' };

type Who = 'guest' | 'user' | 'admin';

interface Shot {
  /** The file name's first part. */
  name: string;
  path: string;
  who: Who;
  /** Brings the page to the state worth showing (after its <h1> is up). */
  prepare?: (page: Page) => Promise<void>;
}

/** Picks the first example and submits the tool's form, then waits for the result. */
async function runExample(page: Page): Promise<void> {
  await page.getByRole('group', { name: 'Examples' }).getByRole('button').first().click();
  await page.locator('main form button[type="submit"]').first().click();
  await page.getByRole('region', { name: 'Result', exact: true }).waitFor();
}

const SHOTS: readonly Shot[] = [
  { name: 'home', path: '/', who: 'guest' },
  { name: 'login', path: '/login', who: 'guest' },
  { name: 'signup', path: '/signup', who: 'guest' },
  { name: 'sentiment', path: '/sentiment', who: 'user', prepare: runExample },
  { name: 'summarize', path: '/summarize', who: 'user', prepare: runExample },
  { name: 'fake-news', path: '/fake-news', who: 'user', prepare: runExample },
  { name: 'job-match', path: '/job-match', who: 'user', prepare: runExample },
  { name: 'batch', path: '/batch', who: 'user' },
  { name: 'history', path: '/history', who: 'user' },
  { name: 'analytics', path: '/analytics', who: 'user' },
  { name: 'settings', path: '/settings', who: 'user' },
  {
    name: 'admin',
    path: '/admin',
    who: 'admin',
    prepare: async (page) => {
      await page.getByRole('table', { name: 'Users' }).getByLabel(`Tier of ${USER.username}`).waitFor();
      await page.getByRole('table', { name: 'Audit log' }).locator('tbody tr').first().waitFor();
      await page.getByText('Readiness').waitFor();
      for (const chart of ['admin-calls-per-day', 'admin-latency-per-tool', 'admin-error-rate-per-day'])
        await page.locator(`[data-chart="${chart}"] svg`).first().waitFor();
    },
  },
  { name: 'terms', path: '/terms', who: 'guest' },
  { name: 'privacy', path: '/privacy', who: 'guest' },
  { name: 'cookies', path: '/cookies', who: 'guest' },
];

const THEMES = ['light', 'dark'] as const;
const WIDTHS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const SAMPLE_TEXTS = [
  'The staff were lovely and the room was spotless. I would happily stay here again!',
  'The parcel arrived two weeks late and support never answered my emails. Terrible service.',
  'The meeting has been moved to Thursday at 3 pm in room 204.',
  'Great food, friendly people, and the view from the terrace is stunning.',
  'The battery died after a day and the replacement never came.',
];

/** History for the history and analytics pages, and one finished batch job for the batch page. */
async function seed(context: BrowserContext, url: string, csrf: string): Promise<void> {
  const headers = { 'x-csrf-token': csrf };
  for (const text of SAMPLE_TEXTS) {
    await context.request.post(`${url}/api/v1/sentiment`, { headers, data: { text } });
  }
  await context.request.post(`${url}/api/v1/fake-news`, {
    headers,
    data: {
      text: 'SHOCKING!!! Doctors do not want you to know this one simple secret that cures everything.',
    },
  });
  const csv = ['text', ...SAMPLE_TEXTS.map((t) => JSON.stringify(t))].join('\n');
  const upload = await context.request.post(`${url}/api/v1/jobs`, {
    headers,
    multipart: {
      tool: 'sentiment',
      file: { name: 'reviews.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) },
    },
  });
  if (!upload.ok()) throw new Error(`the batch upload failed: ${upload.status()} ${await upload.text()}`);
  const { id } = (await upload.json()) as { id: string };
  for (let i = 0; i < 100; i++) {
    const job = (await (await context.request.get(`${url}/api/v1/jobs/${id}`)).json()) as { status: string };
    if (job.status !== 'queued' && job.status !== 'running') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: 'docs/screenshots' }, only: { type: 'string' } },
  });
  const outDir = path.resolve(ROOT, values.out);
  const only = values.only === undefined ? null : new Set(values.only.split(','));
  const unavailable = browserUnavailableReason();
  if (unavailable !== null) throw new Error(unavailable);
  mkdirSync(outDir, { recursive: true });

  const dataDir = mkdtempSync(path.join(tmpdir(), 'textai-screenshots-'));
  const { process: server, url } = await startServerProcess({
    APP_ENV: 'development',
    DATA_DIR: dataDir,
    SECRET_KEY: 'screenshots-secret-0123456789abcdef0123456789abcdef',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    BCRYPT_COST: '4',
    GUEST_RATE_LIMIT: '1000',
    USER_RATE_LIMIT: '1000',
    // Reset emails set up, so the login page shows "Forgot password?" (nothing is sent).
    SMTP_HOST: '127.0.0.1',
  });
  const browser = await launchBrowser();
  try {
    const contexts: Record<Who, BrowserContext> = {
      guest: await browser.newContext({ reducedMotion: 'reduce' }),
      user: await browser.newContext({ reducedMotion: 'reduce' }),
      admin: await browser.newContext({ reducedMotion: 'reduce' }),
    };
    await seed(contexts.user, url, await apiSession(contexts.user, url, 'signup', USER));
    await seed(contexts.admin, url, await apiSession(contexts.admin, url, 'login', ADMIN));

    let total = 0;
    for (const shot of SHOTS) {
      if (only !== null && !only.has(shot.name)) continue;
      const page = await contexts[shot.who].newPage();
      for (const size of WIDTHS) {
        for (const theme of THEMES) {
          await page.setViewportSize({ width: size.width, height: size.height });
          await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
          await page.goto(`${url}${shot.path}`);
          await page.locator('main h1').first().waitFor();
          await shot.prepare?.(page);
          await page.waitForLoadState('networkidle');
          const file = path.join(outDir, `${shot.name}-${theme}-${size.name}.png`);
          await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
          const bytes = statSync(file).size;
          total += bytes;
          console.info(`${path.relative(ROOT, file)}  ${(bytes / 1024).toFixed(0)} KB`);
        }
      }
      await page.close();
    }
    console.info(`total ${(total / 1024 / 1024).toFixed(2)} MB in ${path.relative(ROOT, outDir) || '.'}`);
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
