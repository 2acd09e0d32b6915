import {
  classificationReport,
  DEFAULT_FEATURES,
  expectedCalibrationError,
  LinearModel,
  type Example,
  type FeatureConfig,
  type LinearModelData,
} from '@textai/core';
import { FAKE, FAKE_NEWS_LABELS, modelInput, readAmtCelebrity, readConstraint, readLiar, REAL, type FakeNewsCorpus, type NewsItem } from './datasets/fake-news.ts';
import { unitHash } from './datasets/read.ts';
import { calibrate, fit, probabilities, toHashedTable, type FitSettings } from './trainer.ts';

export const FAKE_NEWS_FEATURES: FeatureConfig = {
  ...DEFAULT_FEATURES,
  hashBits: 21,
  wordNgrams: [1, 2],
  charNgrams: [],
  negation: true,
  cues: true,
  normalize: true,
  charWeight: 1,
};

/** The router reads the low bits of the same feature indices: a 64k-entry table. */
const ROUTER_BITS = 16;
const DOMAINS: readonly FakeNewsCorpus[] = ['liar', 'constraint', 'amt', 'celebrity'];

/**
 * Per-corpus example weights. LIAR is large and noisy (its labels are hard to predict from text),
 * so its rows count less, which acts as a stronger penalty on what it teaches.
 */
const CORPUS_WEIGHTS: Record<FakeNewsCorpus, number> = { liar: 0.1, constraint: 1, amt: 1, celebrity: 1 };

export interface TrainOptions {
  dataDir: string;
  l2Grid: number[];
  folds: number;
  version: string;
  log: (message: string) => void;
}

interface FoldScore {
  accuracy: Record<FakeNewsCorpus, number>;
}

function toExample(item: NewsItem): Example {
  return { text: modelInput(item), label: item.label, weight: CORPUS_WEIGHTS[item.corpus], domain: DOMAINS.indexOf(item.corpus) };
}

function settingsFor(l2: number, log: (m: string) => void): FitSettings {
  return { features: FAKE_NEWS_FEATURES, lexicon: null, classes: 2, l2, nb: { positive: REAL, negative: FAKE }, log };
}

/**
 * Fits the domain-adapted classifier and its router on `items`; the temperature is applied later.
 */
export function fitFakeNewsModel(items: NewsItem[], l2: number, version: string, temperature: number, log: (m: string) => void): LinearModelData {
  const table = fit(items.map(toExample), settingsFor(l2, log));
  const { weights, bias } = toHashedTable(table, FAKE_NEWS_FEATURES.hashBits, temperature);
  const routerFeatures = { ...FAKE_NEWS_FEATURES, hashBits: ROUTER_BITS };
  const routerTable = fit(
    items.map((item) => ({ text: modelInput(item), label: DOMAINS.indexOf(item.corpus), weight: 1 })),
    { features: routerFeatures, lexicon: null, classes: DOMAINS.length, l2: 1e-5, nb: null, log },
  );
  const router = toHashedTable(routerTable, ROUTER_BITS, 1);
  return {
    name: 'textai-fake-news',
    version,
    labels: [...FAKE_NEWS_LABELS],
    features: FAKE_NEWS_FEATURES,
    weights,
    bias,
    lexicon: null,
    router: { names: [...DOMAINS], hashBits: ROUTER_BITS, weights: router.weights, bias: router.bias },
    meta: {},
  };
}

/** Logits of the full model (router included) for each item. */
function logitsOf(model: LinearModel, items: NewsItem[]): Float64Array {
  const out = new Float64Array(items.length * 2);
  const z = new Float64Array(2);
  items.forEach((item, i) => {
    model.scores(modelInput(item), z);
    out[i * 2] = z[0]!;
    out[i * 2 + 1] = z[1]!;
  });
  return out;
}

function accuracyByCorpus(items: NewsItem[], logits: Float64Array): Record<FakeNewsCorpus, number> {
  const counts = new Map<FakeNewsCorpus, [number, number]>();
  items.forEach((item, i) => {
    const c = counts.get(item.corpus) ?? [0, 0];
    const predicted = logits[i * 2 + 1]! > logits[i * 2]! ? REAL : FAKE;
    if (predicted === item.label) c[0]++;
    c[1]++;
    counts.set(item.corpus, c);
  });
  const out = {} as Record<FakeNewsCorpus, number>;
  for (const d of DOMAINS) {
    const c = counts.get(d);
    out[d] = c ? c[0] / c[1] : NaN;
  }
  return out;
}

export function foldOf(id: string, folds: number): number {
  return Math.floor(unitHash(`${id}:cv`) * folds);
}

export async function trainFakeNews(options: TrainOptions): Promise<{ model: LinearModelData; report: Record<string, unknown> }> {
  const { dataDir, log } = options;
  const items = [...readLiar(dataDir, 'train'), ...readConstraint(dataDir, 'train'), ...readAmtCelebrity(dataDir)];
  log(`data: ${DOMAINS.map((d) => `${d} ${items.filter((i) => i.corpus === d).length}`).join(', ')}`);

  // Cross-validation on the training splits only: pick the penalty, collect out-of-fold logits.
  const grid: { l2: number; cv: FoldScore['accuracy'] }[] = [];
  let best: { l2: number; score: number; logits: Float64Array; items: NewsItem[] } | null = null;
  for (const l2 of options.l2Grid) {
    log(`cross-validation, l2=${l2}`);
    const oofItems: NewsItem[] = [];
    const parts: Float64Array[] = [];
    for (let f = 0; f < options.folds; f++) {
      const train = items.filter((i) => foldOf(i.id, options.folds) !== f);
      const valid = items.filter((i) => foldOf(i.id, options.folds) === f);
      const model = new LinearModel(fitFakeNewsModel(train, l2, options.version, 1, () => {}));
      parts.push(logitsOf(model, valid));
      oofItems.push(...valid);
    }
    const logits = concat(parts);
    const cv = accuracyByCorpus(oofItems, logits);
    // Every corpus counts the same in the choice, whatever its size.
    const score = DOMAINS.reduce((s, d) => s + cv[d], 0);
    grid.push({ l2, cv });
    log(`  CV accuracy ${DOMAINS.map((d) => `${d} ${cv[d].toFixed(4)}`).join(', ')}`);
    if (!best || score > best.score) best = { l2, score, logits, items: oofItems };
  }
  if (!best) throw new Error('empty l2 grid');
  const temperature = calibrate(best.logits, Int32Array.from(best.items, (i) => i.label), 2);
  log(`chosen l2=${best.l2}, temperature ${temperature.toFixed(3)}`);

  log('final fit on all training data');
  const model = fitFakeNewsModel(items, best.l2, options.version, temperature, log);
  model.meta = {
    trained_on: ['liar/train (text only)', 'constraint-covid19-fakenews/train', 'fakenews-amt-celebrity (all; 5-fold CV reported)'],
    corpus_weights: CORPUS_WEIGHTS,
    l2: best.l2,
    temperature,
    cross_validation: grid,
  };

  log('held-out evaluation');
  const final = new LinearModel(model);
  const evaluation: Record<string, unknown> = {
    liar_valid: heldOut(final, readLiar(dataDir, 'valid'), temperature),
    constraint_valid: heldOut(final, readConstraint(dataDir, 'valid'), temperature),
  };
  // AMT and Celebrity have no official split: 5-fold CV, each fold's model trained on everything else.
  const articles = items.filter((i) => i.corpus === 'amt' || i.corpus === 'celebrity');
  const others = items.filter((i) => i.corpus !== 'amt' && i.corpus !== 'celebrity');
  const oofItems: NewsItem[] = [];
  const parts: Float64Array[] = [];
  for (let f = 0; f < 5; f++) {
    log(` article fold ${f + 1}/5`);
    const train = [...others, ...articles.filter((i) => foldOf(i.id, 5) !== f)];
    const valid = articles.filter((i) => foldOf(i.id, 5) === f);
    const m = new LinearModel(fitFakeNewsModel(train, best.l2, options.version, temperature, () => {}));
    parts.push(logitsOf(m, valid));
    oofItems.push(...valid);
  }
  const oof = concat(parts);
  for (const corpus of ['amt', 'celebrity'] as const) {
    const idx = oofItems.map((item, i) => (item.corpus === corpus ? i : -1)).filter((i) => i >= 0);
    const logits = new Float64Array(idx.length * 2);
    idx.forEach((i, j) => {
      logits[j * 2] = oof[i * 2]!;
      logits[j * 2 + 1] = oof[i * 2 + 1]!;
    });
    evaluation[`${corpus}_5fold`] = summarize(idx.map((i) => oofItems[i]!), logits, 1);
  }
  model.meta.evaluation = evaluation;
  return { model, report: { cross_validation: grid, l2: best.l2, temperature, evaluation } };
}

function heldOut(model: LinearModel, items: NewsItem[], _temperature: number): Record<string, unknown> {
  // The model's weights already include the temperature.
  return summarize(items, logitsOf(model, items), 1);
}

function summarize(items: NewsItem[], logits: Float64Array, temperature: number): Record<string, unknown> {
  const p = probabilities(logits, 2, temperature);
  const truth = items.map((i) => i.label);
  const predicted = items.map((_, i) => (p[i * 2 + 1]! > p[i * 2]! ? REAL : FAKE));
  const report = classificationReport(truth, predicted, [...FAKE_NEWS_LABELS]);
  const confidence = items.map((_, i) => Math.max(p[i * 2]!, p[i * 2 + 1]!));
  return {
    n: report.n,
    accuracy: report.accuracy,
    macro_f1: report.macroF1,
    ece: expectedCalibrationError(confidence, truth.map((t, i) => t === predicted[i])),
    confusion: report.confusion,
  };
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
