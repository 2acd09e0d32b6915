import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../cli/helpers.ts';
import { apiKeyFor, startServerProcess, type TextaiProcess } from '../helpers/processes.ts';
import { fencedBlocks, section, type FencedBlock } from './markdown-blocks.ts';
import { hasProgram, runCommand } from './run-command.ts';

/**
 * The curl, JavaScript and Python examples of docs/API.md, run as they are written against a real
 * server (a child process on loopback), each in an empty folder with TEXTAI_URL and TEXTAI_KEY
 * set as the page tells the reader to.
 */

const ADMIN_PASSWORD = 'api examples operator passphrase';
const REVIEWS = 'id,review\n1,The staff were lovely.\n2,Cold food and a long wait.\n';

function example(language: string): FencedBlock {
  const markdown = section(readFileSync(path.join(REPO_ROOT, 'docs/API.md'), 'utf8'), 'Examples');
  const block = fencedBlocks(markdown).find((b) => b.language === language);
  if (block === undefined) throw new Error(`docs/API.md's Examples have no \`\`\`${language} block`);
  return block;
}

describe('docs/API.md examples', () => {
  let server: { process: TextaiProcess; url: string };
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const folders: string[] = [];

  async function workFolder(withReviews: boolean): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'textai-api-example-'));
    folders.push(dir);
    if (withReviews) await writeFile(path.join(dir, 'reviews.csv'), REVIEWS);
    return dir;
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'textai-api-examples-data-'));
    server = await startServerProcess({ DATA_DIR: dataDir, ADMIN_PASSWORD, WORKER_CONCURRENCY: '1' });
    const key = await apiKeyFor(server.url, 'admin', ADMIN_PASSWORD);
    env = {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      TEXTAI_URL: server.url,
      TEXTAI_KEY: key,
    };
  }, 120_000);

  afterAll(async () => {
    server?.process.child.kill('SIGTERM');
    await server?.process.exited;
    await Promise.all([dataDir, ...folders].map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('curl: one text, a batch call, a file job with its progress and results, history', async (context) => {
    if (!(await hasProgram('jq'))) {
      console.warn('skipping the curl example: jq is not installed (apt-get install jq)');
      return context.skip();
    }
    const cwd = await workFolder(false);
    const run = await runCommand('bash', ['-euo', 'pipefail', '-c', example('bash').code], {
      cwd,
      env,
      timeoutMs: 60_000,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('"label":"POSITIVE"');
    expect(run.stdout).toMatch(/"successful":2/);
    expect(run.stdout).toContain('event: end');
    expect(run.stdout).toContain('"data":[');
    const results = (await readFile(path.join(cwd, 'results.csv'), 'utf8')).trim().split('\n');
    expect(results).toHaveLength(3);
    expect(results[0]).toMatch(/^row,id,review,label,/);
    expect(await readFile(path.join(cwd, 'history.csv'), 'utf8')).toContain('sentiment');
  });

  it('JavaScript: one text, a file job polled to its end, history', async () => {
    const cwd = await workFolder(true);
    await writeFile(path.join(cwd, 'example.mjs'), example('js').code);
    const run = await runCommand(process.execPath, ['example.mjs'], { cwd, env, timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^POSITIVE 0\.\d+/);
    expect(run.stdout).toContain('done 2 rows, 0 failed');
    expect((await readFile(path.join(cwd, 'results.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(2);
  });

  it('Python: a summary, a file job polled to its end, history', async (context) => {
    const python = await runCommand('python3', ['-c', 'import requests'], {
      cwd: '/',
      env,
      timeoutMs: 10_000,
    }).catch((error: Error) => ({ code: 1, stderr: error.message }));
    if (python.code !== 0) {
      console.warn(
        `skipping the Python example: python3 with requests is not available (${python.stderr.trim()})`,
      );
      return context.skip();
    }
    const cwd = await workFolder(true);
    await writeFile(path.join(cwd, 'example.py'), example('python').code);
    const run = await runCommand('python3', ['example.py'], { cwd, env, timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/(council|parks|transport|mayor)/);
    expect(run.stdout).toContain('done 2 rows, 0 failed');
    expect((await readFile(path.join(cwd, 'results.csv'), 'utf8')).trim().split('\n')).toHaveLength(3);
  });
});
