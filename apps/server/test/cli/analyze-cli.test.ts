import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputColumns } from '../../src/cli/analyze/records.ts';
import { loadToolAdapter } from '../../src/tools/index.ts';
import type { ToolName } from '../../src/tools/names.ts';
import { makeTempDir, parseJsonl, runCli } from './helpers.ts';

// Every text here is written for these tests; none comes from the shared datasets.
const HAPPY = 'The staff were friendly and the room was spotless. I would gladly stay here again.';
const UNHAPPY = 'The delivery came a week late and the box was crushed. Support never answered.';
const NEWS = 'The city council approved the new budget on Tuesday after a public hearing, officials said.';
const CLICKBAIT = 'SHOCKING!!! Doctors HATE this one secret trick that the government is hiding from YOU!!!';

const SENTIMENT_LABELS = ['POSITIVE', 'NEGATIVE', 'NEUTRAL'];

let dir = '';
let cleanup: () => Promise<void> = async () => {};
beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
afterAll(() => cleanup());

/** The top-level fields a tool's result has: the adapter's columns, unflattened, plus the timing. */
async function resultKeys(tool: ToolName): Promise<string[]> {
  const adapter = await loadToolAdapter(tool);
  const names = adapter.resultColumns.map((column) => column.split('.')[0] ?? column);
  return [...new Set([...names, 'processing_time_ms'])].sort();
}

async function csvHeader(tool: ToolName): Promise<string[]> {
  return outputColumns(await loadToolAdapter(tool), true);
}

function expectSentimentResult(result: Record<string, unknown>): void {
  expect(SENTIMENT_LABELS).toContain(result['label']);
  const scores = result['scores'] as { positive: number; negative: number; neutral: number };
  expect(scores.positive + scores.negative + scores.neutral).toBeCloseTo(1, 5);
  expect(result['score']).toBeCloseTo(Math.max(scores.positive, scores.negative, scores.neutral), 9);
  expect(result['model']).toMatchObject({
    name: expect.any(String) as unknown,
    version: expect.any(String) as unknown,
  });
  expect(Array.isArray(result['explanation'])).toBe(true);
  expect(Array.isArray(result['warnings'])).toBe(true);
  expect(typeof result['processing_time_ms']).toBe('number');
}

function expectFakeNewsResult(result: Record<string, unknown>): void {
  expect(['FAKE', 'REAL']).toContain(result['prediction']);
  expect(['high', 'medium', 'low']).toContain(result['confidence_band']);
  const analysis = result['analysis'] as { fake_probability: number; real_probability: number };
  expect(analysis.fake_probability + analysis.real_probability).toBeCloseTo(1, 5);
  expect(result['model']).toMatchObject({ name: expect.any(String) as unknown });
  expect(Array.isArray(result['signals'])).toBe(true);
  expect(typeof result['processing_time_ms']).toBe('number');
}

describe('textai --help', () => {
  it('lists the commands', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: textai');
    for (const command of ['analyze', 'train', 'eval']) expect(run.stdout).toContain(command);
  });

  it('documents analyze', async () => {
    const run = await runCli(['analyze', '--help']);
    expect(run.code).toBe(0);
    for (const text of [
      '--input',
      '--output',
      '--format',
      '--column',
      '--title-column',
      '--no-explain',
      '--max-chars',
      'Exit status',
    ]) {
      expect(run.stdout).toContain(text);
    }
  });

  it('prints the version', async () => {
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('textai analyze, a single text', () => {
  it('analyses sentiment of the TEXT argument, one JSON line without id when piped', async () => {
    const run = await runCli(['analyze', 'sentiment', HAPPY]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expectSentimentResult(result);
    expect(result).not.toHaveProperty('id');
    expect(Object.keys(result).sort()).toEqual(await resultKeys('sentiment'));
  });

  it('reads the text from stdin', async () => {
    const run = await runCli(['analyze', 'sentiment'], `${UNHAPPY}\n`);
    expect(run.code).toBe(0);
    expectSentimentResult(JSON.parse(run.stdout) as Record<string, unknown>);
  });

  it('explains a single text by default, and not with --no-explain', async () => {
    const explained = JSON.parse((await runCli(['analyze', 'sentiment', HAPPY])).stdout) as {
      explanation: { token: string; start: number; end: number }[];
    };
    expect(explained.explanation.length).toBeGreaterThan(0);
    for (const item of explained.explanation) expect(HAPPY.slice(item.start, item.end)).toBe(item.token);
    const plain = JSON.parse((await runCli(['analyze', 'sentiment', HAPPY, '--no-explain'])).stdout) as {
      explanation: unknown[];
    };
    expect(plain.explanation).toEqual([]);
  });

  it('analyses fake-news from the argument (with --title) and from stdin', async () => {
    const run = await runCli(['analyze', 'fake-news', NEWS, '--title', 'Council passes budget']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expectFakeNewsResult(result);
    expect(Object.keys(result).sort()).toEqual(await resultKeys('fake-news'));
    const piped = await runCli(['analyze', 'fake-news'], CLICKBAIT);
    expect(piped.code).toBe(0);
    expectFakeNewsResult(JSON.parse(piped.stdout) as Record<string, unknown>);
  });

  it('reports an empty or over-long text as an error result with status 2', async () => {
    const empty = await runCli(['analyze', 'sentiment'], '   \n');
    expect(empty.code).toBe(2);
    expect(JSON.parse(empty.stdout)).toEqual({
      error: { code: 'EMPTY_TEXT', message: expect.any(String) as unknown },
    });
    const long = await runCli(['analyze', 'sentiment', '--max-chars', '20', HAPPY]);
    expect(long.code).toBe(2);
    expect(JSON.parse(long.stdout)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });
});

describe('textai analyze --input', () => {
  it('writes one record per JSONL line, in order, with error records, and exits 2', async () => {
    const input = join(dir, 'mixed.jsonl');
    const tooLong = 'The soup was cold. '.repeat(6_000); // 114,000 characters: over the 100,000 default
    await writeFile(
      input,
      [
        JSON.stringify({ id: 'r1', text: HAPPY }),
        '{"id": "r2", "text": "unterminated',
        JSON.stringify({ id: 'r3', body: 'no text field here' }),
        JSON.stringify({ id: 'r4', text: tooLong }),
        JSON.stringify({ id: 'r5', text: 42 }),
        '',
        JSON.stringify({ text: UNHAPPY }),
        JSON.stringify({ id: 8, text: '' }),
      ].join('\n') + '\n',
    );
    const run = await runCli(['analyze', 'sentiment', '--input', input]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('5 of 7 rows failed');
    const records = parseJsonl(run.stdout);
    expect(records.map((record) => record['id'])).toEqual(['r1', 2, 'r3', 'r4', 'r5', 7, 8]);
    expectSentimentResult(records[0] ?? {});
    expect(records[0]?.['explanation']).toEqual([]); // explanations are off by default for files
    expectSentimentResult(records[5] ?? {});
    const codes = records.map((record) => (record['error'] as { code?: string } | undefined)?.code);
    expect(codes).toEqual([
      undefined,
      'INVALID_JSON',
      'VALIDATION_ERROR',
      'PAYLOAD_TOO_LARGE',
      'VALIDATION_ERROR',
      undefined,
      'EMPTY_TEXT',
    ]);
    for (const record of records.filter((r) => 'error' in r)) {
      expect(Object.keys(record)).toEqual(['id', 'error']);
      expect(typeof (record['error'] as { message: unknown }).message).toBe('string');
    }
  });

  it('exits 0 when every row succeeds, and --explain turns explanations on', async () => {
    const input = join(dir, 'good.jsonl');
    await writeFile(
      input,
      `${JSON.stringify({ id: 'a', text: HAPPY })}\n${JSON.stringify({ id: 'b', text: UNHAPPY })}\n`,
    );
    const run = await runCli(['analyze', 'sentiment', '--input', input, '--explain']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const records = parseJsonl(run.stdout);
    expect(records.map((record) => record['id'])).toEqual(['a', 'b']);
    for (const record of records) {
      expectSentimentResult(record);
      expect((record['explanation'] as unknown[]).length).toBeGreaterThan(0);
    }
  });

  it('reads a CSV with a BOM, quoted commas and newlines, an id column and --column', async () => {
    const input = join(dir, 'reviews.csv');
    await writeFile(
      input,
      '\uFEFFid,stars,review\n' +
        `101,5,"${HAPPY}"\n` +
        '102,1,"Broken on arrival, and the refund took months.\nNever again."\n' +
        `103,2,"The ""premium"" cable stopped working, after two days."\n`,
    );
    const run = await runCli(['analyze', 'sentiment', '--input', input, '--column', 'review']);
    expect(run.code).toBe(0);
    const records = parseJsonl(run.stdout);
    expect(records.map((record) => record['id'])).toEqual(['101', '102', '103']);
    records.forEach(expectSentimentResult);
  });

  it('reads TSV, numbering rows without an id column, with a fake-news --title-column', async () => {
    const input = join(dir, 'articles.tsv');
    await writeFile(
      input,
      'headline\tbody\n' + `Budget approved\t${NEWS}\n` + `You will not believe this\t${CLICKBAIT}\n`,
    );
    const run = await runCli([
      'analyze',
      'fake-news',
      '--input',
      input,
      '--column',
      'body',
      '--title-column',
      'headline',
    ]);
    expect(run.code).toBe(0);
    const records = parseJsonl(run.stdout);
    expect(records.map((record) => record['id'])).toEqual([1, 2]);
    records.forEach(expectFakeNewsResult);
  });

  it('--format overrides the extension', async () => {
    const input = join(dir, 'rows.txt');
    await writeFile(input, `text\n"${HAPPY}"\n`);
    expect((await runCli(['analyze', 'sentiment', '--input', input])).code).toBe(1);
    const run = await runCli(['analyze', 'sentiment', '--input', input, '--format', 'csv']);
    expect(run.code).toBe(0);
    expect(parseJsonl(run.stdout)).toHaveLength(1);
  });

  it('writes --output out.csv with flattened headers and error columns', async () => {
    const input = join(dir, 'for-csv.jsonl');
    const output = join(dir, 'out.csv');
    await writeFile(
      input,
      `${JSON.stringify({ id: 'x1', text: HAPPY })}\n{broken\n${JSON.stringify({ id: 'x3', text: UNHAPPY })}\n`,
    );
    const run = await runCli(['analyze', 'sentiment', '--input', input, '--output', output]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const text = await readFile(output, 'utf8');
    const header = text.split('\n')[0]?.split(',') ?? [];
    expect(header).toEqual(await csvHeader('sentiment'));
    for (const column of [
      'id',
      'label',
      'scores.positive',
      'model.name',
      'processing_time_ms',
      'error.code',
    ]) {
      expect(header).toContain(column);
    }
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row['id'])).toEqual(['x1', '2', 'x3']);
    expect(SENTIMENT_LABELS).toContain(rows[0]?.['label']);
    const sum = ['scores.positive', 'scores.negative', 'scores.neutral'].reduce(
      (total, key) => total + Number(rows[2]?.[key]),
      0,
    );
    expect(sum).toBeCloseTo(1, 5);
    expect(rows[0]?.['model.name']).not.toBe('');
    expect(JSON.parse(rows[0]?.['warnings'] ?? 'null')).toEqual(expect.any(Array));
    expect(rows[0]?.['error.code']).toBe('');
    expect(rows[1]).toMatchObject({ label: '', 'error.code': 'INVALID_JSON' });
    expect(rows[1]?.['error.message']).not.toBe('');
  });

  it('writes fake-news CSV with signals as one JSON cell', async () => {
    const input = join(dir, 'news.jsonl');
    const output = join(dir, 'news.csv');
    await writeFile(input, `${JSON.stringify({ id: 1, title: 'Budget approved', text: NEWS })}\n`);
    const run = await runCli(['analyze', 'fake-news', '-i', input, '-o', output]);
    expect(run.code).toBe(0);
    const rows = parse(await readFile(output, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual(await csvHeader('fake-news'));
    expect(Object.keys(rows[0] ?? {})).toContain('analysis.fake_probability');
    expect(JSON.parse(rows[0]?.['signals'] ?? 'null')).toEqual(expect.any(Array));
  });
});

describe('textai analyze, fatal errors (status 1)', () => {
  it('names the available columns when --column is wrong, and creates no output', async () => {
    const input = join(dir, 'columns.csv');
    const output = join(dir, 'never.csv');
    await writeFile(input, 'id,comment,stars\n1,Fine,4\n');
    const run = await runCli([
      'analyze',
      'sentiment',
      '--input',
      input,
      '--column',
      'review',
      '--output',
      output,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('column "review" not found');
    expect(run.stderr).toContain('"id", "comment", "stars"');
    expect(existsSync(output)).toBe(false);
  });

  it('refuses an unknown tool', async () => {
    const run = await runCli(['analyze', 'translate', HAPPY]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('translate');
    expect(run.stdout).toBe('');
  });

  it('summarizes a single text and refuses min > max length', async () => {
    const text =
      'The council approved the new budget on Monday. It adds money for schools and parks. ' +
      'Critics said the plan raises taxes too fast. The mayor said the vote was a fair compromise.';
    const ok = await runCli(['analyze', 'summarize', text, '--sentences', '2']);
    expect(ok.code).toBe(0);
    const result = JSON.parse(ok.stdout) as { sentences: unknown[]; summary: string };
    expect(result.sentences).toHaveLength(2);
    expect(text).toContain(result.summary.split('. ')[0]!.replace(/\.$/, ''));
    const bad = await runCli(['analyze', 'summarize', text, '--min-length', '80', '--max-length', '40']);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/min/i);
  });

  it('job-match needs a job description for a single resume', async () => {
    const run = await runCli(['analyze', 'job-match', 'Python developer with five years of Django.']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    expect(run.stderr).toContain('--job-file');
  });

  it('reports a missing input file', async () => {
    const run = await runCli(['analyze', 'sentiment', '--input', join(dir, 'absent.jsonl')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('input file not found');
  });

  it('refuses TEXT together with --input, and a bad --max-chars', async () => {
    const input = join(dir, 'good.jsonl');
    expect((await runCli(['analyze', 'sentiment', HAPPY, '--input', input])).code).toBe(1);
    expect((await runCli(['analyze', 'sentiment', HAPPY, '--max-chars', 'lots'])).code).toBe(1);
  });
});
