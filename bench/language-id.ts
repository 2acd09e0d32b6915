/**
 * Language identifier benchmark: core's own identifier (a reimplementation of eld 2.1.0 over a
 * shared binary n-gram table) beside eld's `small` entry it replaced, on the same texts in the same
 * run. Memory and load time are measured in fresh processes (bench/language-id-load.ts, median of
 * three); speed on one core in this process. Never fails on speed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eld } from 'eld/small';
import { languageIdentifier } from '@textai/core/models/language-table';
import { readAmtCelebrity, readLiar } from '../apps/server/src/ml/datasets/fake-news.ts';
import { readAirlineTweets, readSst2 } from '../apps/server/src/ml/datasets/sentiment.ts';
import { LANGUAGE_SAMPLES } from '../packages/core/test/fixtures/language-samples.ts';
import { printTable, rate, type Row } from './report.ts';

const dataDir = process.env.TEXTAI_DATA_DIR ?? '../shared/datasets';
const LOADER = fileURLToPath(new URL('./language-id-load.ts', import.meta.url));
const RUNS = 3;

interface LoadCost {
  language: string;
  loadMs: number;
  rssMb: number;
  heapMb: number;
  arrayBuffersMb: number;
}

/** English reviews, tweets, claims and articles when the shared datasets are here; every language's samples. */
function texts(): string[] {
  const samples = Object.values(LANGUAGE_SAMPLES).flat();
  if (!existsSync(join(dataDir, 'sst2'))) return samples;
  return [
    ...readSst2(dataDir, 'dev').map((r) => r.text),
    ...readAirlineTweets(dataDir).test.map((r) => r.text),
    ...readLiar(dataDir, 'valid').map((r) => r.text),
    ...readAmtCelebrity(dataDir).map((r) => r.text),
    ...samples,
  ];
}

function loadCost(mode: 'old' | 'new'): LoadCost {
  const runs: LoadCost[] = [];
  for (let i = 0; i < RUNS; i++) {
    const output = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', LOADER, mode], {
      encoding: 'utf8',
    });
    runs.push(JSON.parse(output) as LoadCost);
  }
  const median = (pick: (cost: LoadCost) => number) => runs.map(pick).sort((a, b) => a - b)[RUNS >> 1] ?? NaN;
  return {
    language: runs[0]?.language ?? '',
    loadMs: median((c) => c.loadMs),
    rssMb: median((c) => c.rssMb),
    heapMb: median((c) => c.heapMb),
    arrayBuffersMb: median((c) => c.arrayBuffersMb),
  };
}

export async function runLanguageIdBenchmark(): Promise<Row[]> {
  const old = loadCost('old');
  const ours = loadCost('new');
  const memory = (cost: LoadCost) =>
    `RSS +${cost.rssMb.toFixed(1)} MB, heap +${cost.heapMb.toFixed(1)} MB, ` +
    `buffers +${cost.arrayBuffersMb.toFixed(1)} MB, ${cost.loadMs.toFixed(0)} ms`;
  const rows: Row[] = [
    { name: 'load + first text, eld/small (before)', value: memory(old) },
    { name: 'load + first text, core table (now)', value: memory(ours) },
  ];

  const inputs = texts();
  const mean = inputs.reduce((n, t) => n + t.length, 0) / inputs.length;
  console.log(`language inputs: ${inputs.length} texts (mean ${mean.toFixed(0)} characters)`);
  const reference = eld.newInstance();
  const identifier = languageIdentifier();
  // A typed-array sink keeps the results alive without boxing a number on every write.
  const sink = new Float64Array(1);
  const before = rate(inputs, (t) => {
    sink[0] += Object.keys(reference.detect(t).getScores()).length;
  });
  const now = rate(inputs, (t) => {
    sink[0] += identifier.identify(t).scores.length;
  });
  rows.push(
    { name: 'detect, eld/small (before)', value: `${before.toFixed(0)} texts/s` },
    {
      name: 'detect, core table (now)',
      value: `${now.toFixed(0)} texts/s (${(now / before).toFixed(1)}×)`,
      target: '≥ before',
      ok: now >= before,
    },
  );
  if (Number.isNaN(sink[0])) console.log('');
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable(
    'Language identifier (fresh processes for memory; one core for speed)',
    await runLanguageIdBenchmark(),
  );
}
