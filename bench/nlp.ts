/**
 * NLP benchmark: throughput of the built-in models from raw text in to the full result out, on one
 * core (this process's main thread), beside peer libraries on the same inputs in the same run.
 * Prints figures next to their targets; it never fails on speed.
 */
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { analyzeFakeNews, analyzeSentiment } from '@textai/core';
import {
  BUILTIN_MODEL_DIR,
  BUILTIN_MODEL_FILES,
  loadFakeNewsModel,
  loadSentimentModel,
} from '@textai/core/models';
import { readConstraint, readLiar } from '../apps/server/src/ml/datasets/fake-news.ts';
import { readAirlineTweets, readSst2 } from '../apps/server/src/ml/datasets/sentiment.ts';
import { printTable, rate, type Row } from './report.ts';

const dataDir = process.env.TEXTAI_DATA_DIR ?? '../shared/datasets';

/** Inputs: real sentences when the shared datasets are present, else generated ones. */
function sentences(): string[] {
  if (existsSync(join(dataDir, 'sst2'))) {
    const sst = readSst2(dataDir, 'dev').map((r) => r.text);
    const tweets = readAirlineTweets(dataDir).test.map((r) => r.text);
    return [...sst, ...tweets].filter((s) => s.split(/\s+/).length <= 30);
  }
  const words = [
    'the',
    'film',
    'was',
    'not',
    'great',
    'but',
    'the',
    'cast',
    'is',
    'lovely',
    'and',
    'the',
    'plot',
    'drags',
  ];
  return Array.from({ length: 2000 }, (_, i) => words.slice(0, 5 + (i % 9)).join(' '));
}

function claims(): string[] {
  if (existsSync(join(dataDir, 'liar'))) {
    return [...readLiar(dataDir, 'valid'), ...readConstraint(dataDir, 'valid')].map((r) => r.text);
  }
  return sentences();
}

function timeLoadMs(load: () => unknown): number {
  const started = performance.now();
  load();
  return performance.now() - started;
}

export async function runNlpBenchmark(): Promise<Row[]> {
  const rows: Row[] = [];
  const sentimentLoad = timeLoadMs(() => loadSentimentModel());
  const fakeNewsLoad = timeLoadMs(() => loadFakeNewsModel());
  const sentiment = loadSentimentModel();
  const fakeNews = loadFakeNewsModel();
  for (const [tool, file] of Object.entries(BUILTIN_MODEL_FILES)) {
    const mb = statSync(join(BUILTIN_MODEL_DIR, file)).size / 1e6;
    rows.push({ name: `${tool} model file`, value: `${mb.toFixed(2)} MB`, target: '≤ 20 MB', ok: mb <= 20 });
  }
  rows.push({
    name: 'sentiment model load',
    value: `${sentimentLoad.toFixed(0)} ms`,
    target: '≤ 300 ms',
    ok: sentimentLoad <= 300,
  });
  rows.push({
    name: 'fake-news model load',
    value: `${fakeNewsLoad.toFixed(0)} ms`,
    target: '≤ 300 ms',
    ok: fakeNewsLoad <= 300,
  });

  const texts = sentences();
  const avgWords = texts.reduce((n, t) => n + t.split(/\s+/).length, 0) / texts.length;
  console.log(`sentiment inputs: ${texts.length} sentences of ≤ 30 words (mean ${avgWords.toFixed(1)})`);
  // A typed-array sink: a closure-captured `let` number would be boxed on every write and
  // charge the harness's allocations to the code under test.
  const sink = new Float64Array(1);
  const fast = rate(texts, (t) => {
    const p = sentiment.probabilitiesOf(t);
    sink[0] += p[0]!;
  });
  rows.push({
    name: 'sentiment: label + probabilities',
    value: `${fast.toFixed(0)} sentences/s`,
    target: '≥ 100,000/s',
    ok: fast >= 100_000,
  });
  const full = rate(texts, (t) => {
    sink[0] += analyzeSentiment(sentiment, t, { explain: false, detectLanguage: false }).score;
  });
  rows.push({ name: 'sentiment: full result object', value: `${full.toFixed(0)} sentences/s` });
  const explained = rate(texts, (t) => {
    sink[0] += analyzeSentiment(sentiment, t, { explain: true, detectLanguage: true }).explanation.length;
  });
  rows.push({ name: 'sentiment: + explanation + language', value: `${explained.toFixed(0)} sentences/s` });

  const require = createRequire(import.meta.url);
  const vader = require('vader-sentiment') as {
    SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
  };
  const vaderRate = rate(texts, (t) => {
    sink[0] += vader.SentimentIntensityAnalyzer.polarity_scores(t).compound;
  });
  rows.push({ name: 'peer: vader-sentiment polarity_scores', value: `${vaderRate.toFixed(0)} sentences/s` });
  const winkNLP = require('wink-nlp') as (model: unknown) => {
    readDoc(text: string): { out(its: unknown): unknown };
    its: { sentiment: unknown };
  };
  const nlp = winkNLP(require('wink-eng-lite-web-model'));
  const winkRate = rate(texts, (t) => {
    sink[0] += Number(nlp.readDoc(t).out(nlp.its.sentiment));
  });
  rows.push({ name: 'peer: wink-nlp sentiment', value: `${winkRate.toFixed(0)} sentences/s` });

  const claimTexts = claims();
  const fnFast = rate(claimTexts, (t) => {
    sink[0] += fakeNews.probabilitiesOf({ text: t })[0]!;
  });
  rows.push({
    name: 'fake-news: label + probabilities',
    value: `${fnFast.toFixed(0)} claims/s`,
    target: '≥ 50,000/s',
    ok: fnFast >= 50_000,
  });
  const fnFull = rate(claimTexts, (t) => {
    sink[0] += analyzeFakeNews(fakeNews, { text: t }, { explain: false, detectLanguage: false }).confidence;
  });
  rows.push({ name: 'fake-news: result with signals', value: `${fnFull.toFixed(0)} claims/s` });
  const fnExplained = rate(claimTexts, (t) => {
    sink[0] += analyzeFakeNews(fakeNews, { text: t }).explanation.length;
  });
  rows.push({ name: 'fake-news: + explanation + language', value: `${fnExplained.toFixed(0)} claims/s` });
  if (Number.isNaN(sink[0])) console.log('');
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable('NLP core (one core)', await runNlpBenchmark());
}
