/**
 * Summarizer benchmark: articles per second from raw text in to the full result out (keywords,
 * language check, everything), on one core, beside the ts-textrank package on the same articles;
 * plus the time to summarise one 100,000-character text. Never fails on speed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { summarize } from '@textai/core/summarize';
import { loadSummarizerModel } from '@textai/core/models/summarizer';
import { readBbcSummaries, readCnnDailyMail } from '../apps/server/src/ml/datasets/summarization.ts';
import { textRankRaw } from '../apps/server/src/ml/summarize/textrank-baseline.ts';
import { printTable, rate, type Row } from './report.ts';

const dataDir = process.env.TEXTAI_DATA_DIR ?? '../shared/datasets';
const TARGET_PER_SECOND = 500;

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => w !== '').length;
}

/** ~500-word news articles from the shared data when present, else generated ones. */
function articles(): string[] {
  const texts: string[] = [];
  if (existsSync(join(dataDir, 'bbc-news-summary'))) {
    const { test } = readBbcSummaries(dataDir);
    texts.push(...test.map((p) => p.text));
  }
  if (existsSync(join(dataDir, 'cnn-dailymail-sample')))
    texts.push(...readCnnDailyMail(dataDir).map((p) => p.text));
  const around500 = texts.filter((t) => {
    const w = wordCount(t);
    return w >= 350 && w <= 650;
  });
  if (around500.length >= 50) return around500.slice(0, 400);
  const sentence = (i: number): string =>
    `The committee reviewed report number ${i} on regional transport and found that costs rose faster than planned.`;
  return Array.from({ length: 100 }, (_, a) =>
    Array.from({ length: 28 }, (_, s) => sentence(a * 31 + s)).join(' '),
  );
}

export async function runSummarizeBenchmark(): Promise<Row[]> {
  const model = loadSummarizerModel();
  const items = articles();
  const meanWords = Math.round(items.reduce((s, t) => s + wordCount(t), 0) / items.length);
  const ours = rate(items, (text) => summarize(text, { sentences: 3, model }));
  const noLanguage = rate(items, (text) => summarize(text, { sentences: 3, model, detectLanguage: false }));
  const textRank = rate(items.slice(0, 100), (text) => textRankRaw(text, 3), 1000);
  const long = items.join('\n\n').slice(0, 100_000);
  summarize(long, { model });
  const started = performance.now();
  const runs = 10;
  for (let i = 0; i < runs; i++) summarize(long, { model });
  const longMs = (performance.now() - started) / runs;
  return [
    {
      name: `summarize, ${items.length} articles (~${meanWords} words), articles/s`,
      value: ours.toFixed(0),
      target: `≥ ${TARGET_PER_SECOND}`,
      ok: ours >= TARGET_PER_SECOND,
    },
    { name: 'summarize without the language check, articles/s', value: noLanguage.toFixed(0) },
    { name: 'ts-textrank (npm), same articles, articles/s', value: textRank.toFixed(0) },
    { name: 'summarize 100,000 characters, ms', value: longMs.toFixed(1), target: '< 100', ok: longMs < 100 },
  ];
}

// `npx tsx bench/summarize.ts`: this benchmark alone.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  printTable('Summarizer (one core)', await runSummarizeBenchmark());
}
