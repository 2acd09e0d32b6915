import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { vi } from 'vitest';
import { startServerProcess } from '../../server/test/helpers/processes.ts';
import { browserUnavailableReason, launchBrowser, requireBrowser } from './browser.ts';

export { apiSession } from './api-session.ts';

const DIST = fileURLToPath(new URL('../dist/index.html', import.meta.url));

/**
 * null when the browser tests can run here (chromium present, the web app built), else why not.
 * With REQUIRE_BROWSER=1 a missing requirement throws instead; otherwise it is printed as a skip.
 */
export function browserTestsSkipReason(what = 'the browser tests'): string | null {
  const reason =
    browserUnavailableReason() ?? (existsSync(DIST) ? null : 'the web app is not built (npm run build)');
  if (reason !== null && requireBrowser) throw new Error(`${what} are required: ${reason}`);
  if (reason !== null) console.warn(`skipping ${what}: ${reason}`);
  return reason;
}

/**
 * Every browser test file starts (and stops) the server and chromium in its beforeAll (afterAll):
 * a few seconds alone, but far more than vitest's 10-second hook default on a busy machine.
 */
vi.setConfig({ hookTimeout: 120_000 });

export interface PageOptions extends BrowserContextOptions {
  /** Console errors that are expected and not collected (by default a guest's 401, a failed load). */
  ignoreConsole?: RegExp;
}

export interface Studio {
  url: string;
  browser: Browser;
  /** The server's temporary DATA_DIR (removed by close). */
  dataDir: string;
  /** A page in a new browser context whose console errors and page errors go to consoleErrors. */
  newPage(options?: PageOptions): Promise<Page>;
  consoleErrors: string[];
  /** Closes the browser, stops the server and removes its data directory. */
  close(): Promise<void>;
}

/**
 * The real server on loopback (development mode, a temporary DATA_DIR, bcrypt cost 4, plus env)
 * and Debian's chromium, started together.
 */
export async function startStudio(env: Record<string, string>): Promise<Studio> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'textai-e2e-'));
  const [started, browser] = await Promise.all([
    startServerProcess({ APP_ENV: 'development', DATA_DIR: dataDir, BCRYPT_COST: '4', ...env }),
    launchBrowser(),
  ]);
  const server = started.process;
  const consoleErrors: string[] = [];
  return {
    url: started.url,
    browser,
    dataDir,
    consoleErrors,
    async newPage({ ignoreConsole = /status of 401/, ...options }: PageOptions = {}) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error' && !ignoreConsole.test(message.text()))
          consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      return page;
    },
    async close() {
      await browser.close();
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs up through the page (the email is username@example.org) and waits for the studio. */
export async function signUpInBrowser(page: Page, url: string, username: string, password: string) {
  await page.goto(`${url}/signup`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Email').fill(`${username}@example.org`);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(`${url}/sentiment`);
}
