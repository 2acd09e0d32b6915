import { readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usableBundle } from '../../bin/bundle.js';
import { BUILD_INFO_FILE, buildServer } from '../../../../scripts/build-server.mjs';
import { apiKeyFor, startNode, type TextaiProcess } from '../helpers/processes.ts';
import { jobEnded, pollJobOverHttp, postJobOverHttp } from '../jobs/helpers.ts';
import { REPO_ROOT, makeTempDir } from './helpers.ts';

// The bundle must sit inside the repository, where its imports of node_modules resolve.
const OUT = join(REPO_ROOT, `apps/server/dist-test-${process.pid}`);
const LAUNCHER = join(OUT, 'run.mjs');
const ADMIN = 'bundle_admin';
const PASSWORD = 'a long bundle test passphrase';

function workerNamesInSources(directory: string): string[] {
  const names = new Set<string>();
  for (const entry of readdirSync(directory, { recursive: true, encoding: 'utf8' })) {
    if (!/\.(ts|mjs)$/.test(entry)) continue;
    const text = readFileSync(join(directory, entry), 'utf8');
    for (const match of text.matchAll(/new URL\(['"]\.\/([\w-]+-worker)\.mjs['"], import\.meta\.url\)/g)) {
      names.add(match[1] ?? '');
    }
  }
  return [...names].sort();
}

let workers: string[] = [];

beforeAll(async () => {
  ({ workers } = await buildServer(OUT));
  // What bin/textai.js does once it has chosen the bundle.
  writeFileSync(LAUNCHER, "const { main } = await import('./textai.mjs');\nawait main(process.argv);\n");
}, 120_000);

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('the server bundle (scripts/build-server.mjs)', () => {
  it('builds every worker thread the sources start, beside the CLI', () => {
    const expected = workerNamesInSources(join(REPO_ROOT, 'apps/server/src'));
    expect(expected.length).toBeGreaterThanOrEqual(4);
    expect(workers).toEqual(expected);
    for (const name of ['textai', ...workers]) expect(existsSync(join(OUT, `${name}.mjs`)), name).toBe(true);
  });

  it('is used only while it matches the sources', () => {
    const infoFile = join(OUT, BUILD_INFO_FILE);
    const original = readFileSync(infoFile, 'utf8');
    const entry = pathToFileURL(join(OUT, 'textai.mjs')).href;
    expect(usableBundle(undefined, OUT)).toBe(entry);
    expect(usableBundle('source', OUT)).toBeUndefined();
    try {
      const info = JSON.parse(original) as { files: { path: string; sha256: string }[] };
      expect(info.files.some((file) => file.path.endsWith('src/cli/main.ts'))).toBe(true);
      const changed = {
        ...info,
        files: info.files.map((f, i) => (i === 3 ? { ...f, sha256: '0'.repeat(64) } : f)),
      };
      writeFileSync(infoFile, JSON.stringify(changed));
      expect(usableBundle(undefined, OUT)).toBeUndefined();
      expect(usableBundle('bundle', OUT)).toBe(entry); // forced: no check
      const missing = { ...info, files: [...info.files, { path: '../src/gone.ts', sha256: '0'.repeat(64) }] };
      writeFileSync(infoFile, JSON.stringify(missing));
      expect(usableBundle(undefined, OUT)).toBeUndefined();
    } finally {
      writeFileSync(infoFile, original);
    }
    expect(usableBundle(undefined, OUT)).toBe(entry);
  });

  describe('serving from the bundle', () => {
    let server: TextaiProcess;
    let url = '';
    let stopData: () => Promise<void> = async () => undefined;

    beforeAll(async () => {
      const data = await makeTempDir();
      stopData = data.cleanup;
      server = startNode([LAUNCHER, 'serve'], {
        APP_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: data.dir,
        ADMIN_USERNAME: ADMIN,
        ADMIN_PASSWORD: PASSWORD,
        BCRYPT_COST: '4',
      });
      url = (JSON.parse(await server.waitFor(/TextAI Studio is ready/, 90_000)) as { url: string }).url;
    }, 120_000);

    afterAll(async () => {
      server.child.kill('SIGTERM');
      await server.exited;
      await stopData();
    });

    it('finds the models and the web app from its own folder', async () => {
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    });

    it('runs a job on its job thread and extracts an uploaded document on its document thread', async () => {
      const key = await apiKeyFor(url, ADMIN, PASSWORD);
      const { id } = await postJobOverHttp(
        url,
        key,
        { data: 'text\nI love this.\nThis is awful.\n', filename: 'rows.csv' },
        { tool: 'sentiment', column: 'text' },
      );
      const job = await pollJobOverHttp(url, key, id, jobEnded, 60_000);
      expect(job).toMatchObject({ status: 'done', rows_done: 2, rows_failed: 0 });
      const results = await fetch(`${url}/api/v1/jobs/${id}/result?format=jsonl`, {
        headers: { 'x-api-key': key },
      });
      const labels = (await results.text())
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { label: string }).label);
      expect(labels).toEqual(['POSITIVE', 'NEGATIVE']);

      const match = new FormData();
      match.append(
        'resume',
        new Blob(['Senior TypeScript engineer: Node.js, PostgreSQL, Redis.']),
        'resume.txt',
      );
      match.append('job_description', 'We want a TypeScript engineer who knows Node.js and PostgreSQL.');
      const matched = await fetch(`${url}/api/v1/job-match`, {
        method: 'POST',
        body: match,
        headers: { 'x-api-key': key },
      });
      expect(matched.status, await matched.clone().text()).toBe(200);
      expect(((await matched.json()) as { match_score: number }).match_score).toBeGreaterThan(0);
    });
  });
});
