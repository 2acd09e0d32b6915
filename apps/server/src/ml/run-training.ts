import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeModel, type LinearModelData } from '@textai/core';
import { BUILTIN_MODEL_DIR, BUILTIN_MODEL_FILES, SUMMARIZER_MODEL_FILE } from '@textai/core/models';
import { trainSentiment } from './train-sentiment.ts';
import { trainFakeNews } from './train-fake-news.ts';

export interface RunTrainingOptions {
  dataDir: string;
  outDir: string;
  install: boolean;
  l2Grid: number[] | undefined;
  folds: number;
  version: string | undefined;
}

/** Defaults chosen by the cross-validation documented in the model cards. */
const DEFAULT_GRIDS = {
  sentiment: [1e-6, 2e-6, 4e-6],
  'fake-news': [3e-6, 1e-4, 1e-3],
} as const;

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

export async function runTraining(
  task: 'sentiment' | 'fake-news' | 'summarize',
  options: RunTrainingOptions,
): Promise<void> {
  const version = options.version ?? new Date().toISOString().slice(0, 10).replace(/-/g, '.');
  if (task === 'summarize') {
    await trainSummarizerInto(options, version);
    return;
  }
  const common = {
    dataDir: options.dataDir,
    l2Grid: options.l2Grid ?? [...DEFAULT_GRIDS[task]],
    folds: options.folds,
    version,
    log,
  };
  const started = Date.now();
  const { model, report } = task === 'sentiment' ? await trainSentiment(common) : await trainFakeNews(common);
  const bytes = serializeModel(model);
  mkdirSync(options.outDir, { recursive: true });
  const file = join(options.outDir, BUILTIN_MODEL_FILES[task]);
  writeFileSync(file, bytes);
  const fullReport = {
    task,
    model: { name: model.name, version: model.version },
    file_bytes: bytes.length,
    training_seconds: (Date.now() - started) / 1000,
    ...report,
  };
  writeFileSync(join(options.outDir, `${task}.report.json`), `${JSON.stringify(fullReport, null, 2)}\n`);
  log(`wrote ${file} (${(bytes.length / 1e6).toFixed(2)} MB) and ${task}.report.json`);
  process.stdout.write(`${JSON.stringify(summary(model), null, 2)}\n`);
  if (options.install) {
    copyFileSync(file, join(BUILTIN_MODEL_DIR, BUILTIN_MODEL_FILES[task]));
    log(`installed into ${BUILTIN_MODEL_DIR}`);
  }
}

function summary(model: LinearModelData): Record<string, unknown> {
  return { name: model.name, version: model.version, evaluation: model.meta.evaluation };
}

/** The summarizer's scorer is a small JSON file; its training has its own cross-validation. */
async function trainSummarizerInto(options: RunTrainingOptions, version: string): Promise<void> {
  const { trainSummarizer } = await import('./train-summarize.ts');
  const { model, report } = await trainSummarizer({
    dataDir: options.dataDir,
    folds: options.folds,
    version,
    log,
  });
  mkdirSync(options.outDir, { recursive: true });
  const file = join(options.outDir, SUMMARIZER_MODEL_FILE);
  writeFileSync(file, `${JSON.stringify(model, null, 2)}\n`);
  writeFileSync(join(options.outDir, 'summarize.report.json'), `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${file} and summarize.report.json`);
  if (options.install) {
    copyFileSync(file, join(BUILTIN_MODEL_DIR, SUMMARIZER_MODEL_FILE));
    log(`installed into ${BUILTIN_MODEL_DIR}`);
  }
}
