import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  buildLexicon,
  classificationReport,
  DEFAULT_FEATURES,
  fitTemperature,
  tokenHash,
  type Example,
  type FeatureConfig,
  type Lexicon,
  type LinearModelData,
} from '@textai/core';
import { readNewsSentences, readOnetTasks } from './datasets/neutral.ts';
import { unitHash } from './datasets/read.ts';
import {
  NEGATIVE,
  NEUTRAL,
  POSITIVE,
  readAirlineTweets,
  readSst2,
  SENTIMENT_LABELS,
  type LabelledText,
} from './datasets/sentiment.ts';
import { evaluateSentiment } from './eval-sentiment.ts';
import { crossValidate, fit, toHashedTable, type FitSettings, type Fold } from './trainer.ts';
import { sstSentenceFolds } from './tuning/sst-groups.ts';

export const SENTIMENT_FEATURES: FeatureConfig = {
  ...DEFAULT_FEATURES,
  hashBits: 20,
  wordNgrams: [1, 2],
  charNgrams: [3, 5],
  negation: true,
  cues: true,
  normalize: true,
  charWeight: 1,
};

export interface TrainOptions {
  dataDir: string;
  /** Penalties to compare by cross-validation; one value skips the search. */
  l2Grid: number[];
  folds: number;
  version: string;
  log: (message: string) => void;
}

/**
 * VADER's lexicon (Hutto & Gilbert, 2014; MIT, via the vader-sentiment package) as lexicon
 * features. It is read at training time only and compiled into the model file.
 */
export function loadVaderLexicon(): Lexicon {
  const require = createRequire(import.meta.url);
  const path = require.resolve('vader-sentiment/vader_lexicon.txt');
  const entries = readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [word, valence] = line.split('\t');
      return [word ?? '', Number(valence)] as const;
    });
  return buildLexicon(entries, 4);
}

const toExample = (item: LabelledText): Example => ({
  text: item.text,
  label: item.label,
  weight: item.weight ?? 1,
});

/**
 * Airline tweets are 63% negative, so words of air travel ("flight", "gate", "reschedule") would
 * learn to mean "negative". Weighting each class to the same total removes that prior.
 */
function balanceClasses(items: LabelledText[]): LabelledText[] {
  const counts = [0, 0, 0];
  for (const item of items) counts[item.label]!++;
  return items.map((item) => ({ ...item, weight: items.length / (3 * counts[item.label]!) }));
}

/** Neutral sentences of other kinds than tweets (see datasets/neutral.ts). */
function neutralExtras(dataDir: string, lexicon: Lexicon): LabelledText[] {
  const polar = buildPolarityCheck(lexicon);
  const texts = [...readOnetTasks(dataDir, 3000), ...readNewsSentences(dataDir, 4000, polar)];
  return texts.map((text, i) => ({ id: `neutral-${i}-${text.slice(0, 24)}`, text, label: NEUTRAL }));
}

/** A sentence is polar when it has a lexicon word of clear valence (|v| ≥ 1.5 of 4). */
function buildPolarityCheck(lexicon: Lexicon): (sentence: string) => boolean {
  return (sentence) =>
    sentence
      .toLowerCase()
      .split(/[^a-z']+/)
      .some((word) => word !== '' && Math.abs(lexicon.get(tokenHash(word)) ?? 0) >= 0.375);
}

export async function trainSentiment(
  options: TrainOptions,
): Promise<{ model: LinearModelData; report: Record<string, unknown> }> {
  const { dataDir, log } = options;
  const lexicon = loadVaderLexicon();
  const sst = readSst2(dataDir, 'train');
  const airline = readAirlineTweets(dataDir);
  const neutral = neutralExtras(dataDir, lexicon);
  log(
    `data: SST-2 train ${sst.length} phrases, airline tweets ${airline.train.length} (held out ${airline.test.length}), neutral extras ${neutral.length}`,
  );

  const others = [...balanceClasses(airline.train), ...neutral];
  const sstFolds = sstSentenceFolds(sst, options.folds);
  const folds: Fold[] = sstFolds.map((f, i) => ({
    train: [...f.train, ...others.filter((o) => foldOf(o.id, options.folds) !== i)].map(toExample),
    valid: [...f.valid, ...others.filter((o) => foldOf(o.id, options.folds) === i)].map(toExample),
  }));
  const settings = (l2: number): FitSettings => ({
    features: SENTIMENT_FEATURES,
    lexicon,
    classes: 3,
    l2,
    nb: { positive: POSITIVE, negative: NEGATIVE },
    log,
  });

  let best: {
    l2: number;
    score: number;
    logits: Float64Array;
    labels: Int32Array;
    sources: string[];
  } | null = null;
  const grid: Record<string, unknown>[] = [];
  for (const l2 of options.l2Grid) {
    log(`cross-validation, l2=${l2}`);
    if (options.l2Grid.length === 1) {
      best = { l2, score: NaN, logits: new Float64Array(), labels: new Int32Array(), sources: [] };
      break;
    }
    const cv = crossValidate(folds, settings(l2));
    const sources = folds.flatMap((f, i) =>
      f.valid.map((_, j) => (j < sstFolds[i]!.valid.length ? 'sst' : 'other')),
    );
    const binary = binaryAccuracy(cv.logits, cv.labels, sources);
    const threeWay = macroF1(cv.logits, cv.labels, sources);
    const score = binary + threeWay;
    grid.push({ l2, sst_sentence_cv_binary_accuracy: binary, airline_and_neutral_cv_macro_f1: threeWay });
    log(
      `  SST sentence CV binary accuracy ${binary.toFixed(4)}, tweets+neutral CV macro-F1 ${threeWay.toFixed(4)}`,
    );
    if (!best || score > best.score) best = { l2, score, logits: cv.logits, labels: cv.labels, sources };
  }
  if (!best) throw new Error('empty l2 grid');

  let temperature = 1;
  if (best.labels.length > 0) {
    temperature = fitTemperature(best.logits, best.labels, 3);
  } else {
    // With a fixed penalty there are no out-of-fold predictions yet: calibrate on one fold.
    const cv = crossValidate(folds.slice(0, 1), settings(best.l2));
    temperature = fitTemperature(cv.logits, cv.labels, 3);
  }
  log(`chosen l2=${best.l2}, temperature ${temperature.toFixed(3)}`);

  log('final fit on all training data');
  const table = fit([...sst, ...others].map(toExample), settings(best.l2));
  const { weights, bias } = toHashedTable(table, SENTIMENT_FEATURES.hashBits, temperature);
  const model: LinearModelData = {
    name: 'textai-sentiment',
    version: options.version,
    labels: [...SENTIMENT_LABELS],
    features: SENTIMENT_FEATURES,
    weights,
    bias,
    lexicon,
    router: null,
    meta: {
      trained_on: [
        'sst2/train',
        'twitter-airline-sentiment (80% by tweet id)',
        'onet-29.2 task statements',
        'bbc-news-summary sentences',
      ],
      l2: best.l2,
      temperature,
      cross_validation: grid,
    },
  };
  const evaluation = evaluateSentiment(model, dataDir);
  model.meta.evaluation = evaluation;
  return { model, report: { cross_validation: grid, l2: best.l2, temperature, evaluation } };
}

function foldOf(id: string, folds: number): number {
  return Math.floor(unitHash(`${id}:fold`) * folds);
}

function binaryAccuracy(logits: Float64Array, labels: Int32Array, sources: string[]): number {
  let correct = 0;
  let n = 0;
  for (let r = 0; r < labels.length; r++) {
    if (sources[r] !== 'sst') continue;
    const predicted = logits[r * 3 + POSITIVE]! > logits[r * 3 + NEGATIVE]! ? POSITIVE : NEGATIVE;
    if (predicted === labels[r]) correct++;
    n++;
  }
  return n ? correct / n : 0;
}

function macroF1(logits: Float64Array, labels: Int32Array, sources: string[]): number {
  const truth: number[] = [];
  const predicted: number[] = [];
  for (let r = 0; r < labels.length; r++) {
    if (sources[r] === 'sst') continue;
    let bestC = 0;
    for (let c = 1; c < 3; c++) if (logits[r * 3 + c]! > logits[r * 3 + bestC]!) bestC = c;
    truth.push(labels[r]!);
    predicted.push(bestC);
  }
  return classificationReport(truth, predicted, [...SENTIMENT_LABELS]).macroF1;
}
