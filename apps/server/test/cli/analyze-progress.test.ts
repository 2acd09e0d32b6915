import { spawn, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, makeTempDir, runCli } from './helpers.ts';

const ROWS = 20_000;
const ESC = '\u001b';
/** Cursor and line control sequences (ESC [ … letter, ESC 7 and ESC 8) and line ends. */
const TERMINAL_CODES = new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]|${ESC}[78]|[\\r\\n]`, 'g');

/** util-linux's `script` runs a command on a pseudo-terminal: the CLI sees a terminal, as a user's shell gives it. */
const scriptMissing = spawnSync('script', ['--version'], { stdio: 'ignore' }).status !== 0;
if (scriptMissing)
  console.warn('skipping the terminal progress test: `script` (util-linux) is not installed');

/** Runs the CLI with its stdin, stdout and stderr on a pseudo-terminal; resolves with all it drew there. */
function runOnTerminal(args: readonly string[]): Promise<{ code: number | null; screen: string }> {
  const quoted = [process.execPath, BIN, ...args].map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['--quiet', '--return', '--command', quoted, '/dev/null'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let screen = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
  });
}

/**
 * `textai analyze … --input big.csv` on a terminal shows a progress bar with rows done, rows per
 * second and the ETA on stderr; with stderr not a terminal it shows nothing.
 */
describe.skipIf(scriptMissing)('analyze progress on a terminal', { timeout: 120_000 }, () => {
  let dir = '';
  let cleanup: () => Promise<void> = async () => {};
  let input = '';

  beforeAll(async () => {
    ({ dir, cleanup } = await makeTempDir());
    input = join(dir, 'big.csv');
    const lines = ['id,text'];
    for (let i = 1; i <= ROWS; i++) lines.push(`${i},"Visit ${i}: ${i % 2 ? 'lovely staff' : 'cold food'}"`);
    await writeFile(input, `${lines.join('\n')}\n`);
  });
  afterAll(() => cleanup());

  it('draws a bar with rows, rows/s and the ETA, and ends at 100%', async () => {
    const output = join(dir, 'out.jsonl');
    const run = await runOnTerminal(['analyze', 'sentiment', '--input', input, '--output', output]);
    expect(run.code, run.screen).toBe(0);
    // cli-progress redraws one line in place: each frame starts at column 1.
    const frames = run.screen
      .split('\u001b[1G')
      .map((frame) => frame.replace(TERMINAL_CODES, ''))
      .filter((frame) => frame.includes('rows/s'));
    expect(frames.length, run.screen).toBeGreaterThanOrEqual(1);
    for (const frame of frames)
      expect(frame).toMatch(/^[=-]{30} \d{1,3}% \| \d+ rows \| \d+ rows\/s \| ETA \d+s/);
    expect(frames.at(-1)).toMatch(new RegExp(`100% \\| ${ROWS} rows \\| [1-9]\\d* rows/s \\| ETA 0s`));
    expect((await readFile(output, 'utf8')).trim().split('\n')).toHaveLength(ROWS);
  });

  it('draws nothing when stderr is not a terminal', async () => {
    const run = await runCli([
      'analyze',
      'sentiment',
      '--input',
      input,
      '--output',
      join(dir, 'piped.jsonl'),
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
});
