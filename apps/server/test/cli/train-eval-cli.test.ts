import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempDir, runCli } from './helpers.ts';

/**
 * `textai train` and `textai eval` end to end on a tiny dataset folder in the shared layout,
 * generated here from hand-written templates (the real datasets are far too slow for a unit test
 * and must not be copied into the repository).
 */
const POSITIVE = [
  'a warm , funny and moving film',
  'the cast is wonderful and the story is touching',
  'smart , charming and beautifully made',
];
const NEGATIVE = [
  'a dull , lifeless and tedious mess',
  'the plot is boring and the acting is wooden',
  'clumsy , predictable and far too long',
];
const PADDING = 'from start to finish , as far as i can tell , in every single scene';

async function writeTinyDatasets(dir: string): Promise<void> {
  const sst = ['label\tsentence'];
  for (let i = 0; i < 60; i++) {
    sst.push(`1\t${POSITIVE[i % 3]} ${PADDING} ${i}`);
    sst.push(`0\t${NEGATIVE[i % 3]} ${PADDING} ${i}`);
  }
  await mkdir(join(dir, 'sst2'), { recursive: true });
  await writeFile(join(dir, 'sst2', 'train.tsv'), `${sst.join('\n')}\n`);
  await writeFile(join(dir, 'sst2', 'dev.tsv'), `label\tcontent\n1\t${POSITIVE[0]} .\n0\t${NEGATIVE[1]} .\n`);

  const tweets = ['tweet_id,airline_sentiment,text'];
  for (let i = 0; i < 90; i++) {
    const [label, text] =
      i % 3 === 0
        ? ['positive', `@air thanks , ${POSITIVE[i % 3]} crew ${i}`]
        : i % 3 === 1
          ? ['negative', `@air ${NEGATIVE[i % 3]} delay ${i}`]
          : ['neutral', `@air what time does flight ${i} board ?`];
    tweets.push(`${1000 + i},${label},"${text}"`);
  }
  await mkdir(join(dir, 'twitter-airline-sentiment'), { recursive: true });
  await writeFile(join(dir, 'twitter-airline-sentiment', 'Tweets.csv'), `${tweets.join('\n')}\n`);

  const tasks = ['O*NET-SOC Code\tTask ID\tTask\tTask Type'];
  for (let i = 0; i < 30; i++)
    tasks.push(
      `11-1011.00\t${i}\tPrepare schedules and reports for department number ${i} each month.\tCore`,
    );
  await mkdir(join(dir, 'onet-29.2'), { recursive: true });
  await writeFile(join(dir, 'onet-29.2', 'Task Statements.txt'), `${tasks.join('\n')}\n`);

  const articles = Array.from({ length: 10 }, (_, i) =>
    JSON.stringify({
      id: `business/${i}`,
      article: `Lead paragraph ${i}.\n\nThe company reported its results on Monday in the city of Leeds. The meeting took place in the main hall at noon.`,
    }),
  );
  await mkdir(join(dir, 'bbc-news-summary'), { recursive: true });
  await writeFile(join(dir, 'bbc-news-summary', 'bbc_news_summary.jsonl'), `${articles.join('\n')}\n`);
}

describe('textai train and eval', () => {
  let dir = '';
  let cleanup: () => Promise<void> = async () => {};

  beforeAll(async () => {
    ({ dir, cleanup } = await makeTempDir());
    await writeTinyDatasets(join(dir, 'data'));
  });
  afterAll(() => cleanup());

  test('train sentiment writes a loadable model and a report; eval reads it back', async () => {
    const out = join(dir, 'build');
    const train = await runCli([
      'train',
      'sentiment',
      '--data',
      join(dir, 'data'),
      '--out',
      out,
      '--l2',
      '1e-3',
      '--model-version',
      'test-1',
    ]);
    expect(train.stderr).toContain('wrote');
    expect(train.code).toBe(0);
    expect(existsSync(join(out, 'sentiment.taim'))).toBe(true);
    const report = JSON.parse(readFileSync(join(out, 'sentiment.report.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(report.model).toEqual({ name: 'textai-sentiment', version: 'test-1' });

    const file = join(dir, 'labelled.jsonl');
    await writeFile(
      file,
      [
        JSON.stringify({ text: 'a warm and funny film', label: 'positive' }),
        JSON.stringify({ text: 'a dull and tedious mess', label: 'negative' }),
        JSON.stringify({ text: 'what time does the flight board ?', label: 'neutral' }),
        'not json',
        JSON.stringify({ text: 'no label here' }),
      ].join('\n'),
    );
    const reportPath = join(dir, 'eval.json');
    const evaluation = await runCli([
      'eval',
      'sentiment',
      '--file',
      file,
      '--model',
      join(out, 'sentiment.taim'),
      '--report',
      reportPath,
    ]);
    expect(evaluation.code).toBe(0);
    expect(evaluation.stdout).toMatch(/accuracy \d\.\d{4}\s+macro-F1 \d\.\d{4}\s+ECE/);
    expect(evaluation.stdout).toContain('(rows: true, columns: predicted)');
    expect(evaluation.stdout).toContain('line 4: not valid JSON');
    const json = JSON.parse(readFileSync(reportPath, 'utf8')) as {
      sections: { n: number; confusion: { matrix: number[][] } }[];
      problems: string[];
    };
    expect(json.sections.map((s) => s.n)).toEqual([2, 3]); // binary view, then 3 classes
    expect(json.problems).toHaveLength(2);
  });

  test('eval on the shared layout reads the dev split and the held-out tweets', async () => {
    const evaluation = await runCli([
      'eval',
      'sentiment',
      '--data',
      join(dir, 'data'),
      '--report',
      join(dir, 'eval-data.json'),
    ]);
    expect(evaluation.code).toBe(0);
    expect(evaluation.stdout).toContain('SST-2 dev, binary (n=2)');
    expect(evaluation.stdout).toContain('Airline tweets, held-out 20% (by tweet id)');
  });

  test('bad arguments are fatal with a clear message', async () => {
    const unknown = await runCli(['train', 'poetry']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown task "poetry"');
    const missing = await runCli(['eval', 'sentiment', '--file', join(dir, 'nope.jsonl')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('file not found');
    const both = await runCli(['eval', 'fake-news', '--data', dir, '--file', join(dir, 'labelled.jsonl')]);
    expect(both.code).toBe(1);
    const noData = await runCli(['train', 'sentiment', '--data', join(dir, 'empty'), '--l2', '1e-3']);
    expect(noData.code).toBe(1);
    expect(noData.stderr).toContain('dataset file not found');
  });
});
