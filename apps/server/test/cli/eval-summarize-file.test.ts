import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempDir, runCli } from './helpers.ts';

/** `textai eval summarize --file FILE.jsonl` on generic {text, summary} lines written here. */
const PAIRS = [
  {
    title: 'Ferry terminal opens',
    text: 'The harbour authority opened a new ferry terminal on Friday. It cost £40m and took three years to build. Passengers praised the larger waiting hall. The old terminal will become a museum.',
    summary: 'A new ferry terminal opened on Friday. The old terminal will become a museum.',
  },
  {
    text: 'Heavy rain closed two roads in the valley overnight. Crews cleared fallen trees by morning. The river rose by a metre but did not flood the town. Forecasters expect a dry weekend.',
    summary: ['Heavy rain closed two valley roads overnight.', 'The river rose but the town did not flood.'],
  },
  {
    text: 'The school choir won the regional contest in May. Forty pupils sang three songs. The judges praised their harmony. The choir will now travel to the national final in June.',
    summary: 'The school choir won the regional contest and goes to the national final in June.',
  },
];

let dir = '';
let cleanup: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  await writeFile(join(dir, 'pairs.jsonl'), `${PAIRS.map((p) => JSON.stringify(p)).join('\n')}\n`);
  await writeFile(join(dir, 'bad.jsonl'), `${JSON.stringify(PAIRS[0])}\n{"text": "No summary here."}\n`);
});
afterAll(() => cleanup());

describe('textai eval summarize --file', () => {
  test('prints ROUGE of ours, LEAD-k and TextRank and writes the report', async () => {
    const report = join(dir, 'report.json');
    const run = await runCli(['eval', 'summarize', '--file', join(dir, 'pairs.jsonl'), '--report', report]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('pairs.jsonl (n=3)');
    expect(run.stdout).toContain('textai-summarizer');
    expect(run.stdout).toContain('LEAD-k');
    expect(run.stdout).toContain('TextRank (ts-textrank)');
    const saved = JSON.parse(readFileSync(report, 'utf8')) as {
      task: string;
      sections: { systems: { system: string; n: number; rouge1: number; rouge2: number }[] }[];
    };
    expect(saved.task).toBe('summarize');
    const systems = saved.sections[0]!.systems;
    expect(systems.map((s) => s.system)).toEqual(['textai-summarizer', 'LEAD-k', 'TextRank (ts-textrank)']);
    for (const s of systems) {
      expect(s.n).toBe(3);
      expect(s.rouge1).toBeGreaterThan(0);
      expect(s.rouge1).toBeLessThanOrEqual(100);
    }
  }, 60_000);

  test('names the line of a malformed row, and refuses --data with --file', async () => {
    const bad = await runCli([
      'eval',
      'summarize',
      '--file',
      join(dir, 'bad.jsonl'),
      '--report',
      join(dir, 'r.json'),
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/bad\.jsonl:2: "summary" must be a string or an array of strings/);
    const both = await runCli(['eval', 'summarize', '--file', join(dir, 'pairs.jsonl'), '--data', dir]);
    expect(both.code).not.toBe(0);
    expect(both.stderr).toMatch(/either --data or --file/);
  }, 60_000);
});
