import {
  FEATURE_COUNT,
  FEATURE_NAMES,
  prepareDocument,
  RougeAccumulator,
  rouge,
  selectSentences,
  sentenceLogits,
  type PreparedDocument,
  type SummarizerModelData,
} from '@textai/core/summarize';
import { readBbcSummaries, type SummaryPair } from './datasets/summarization.ts';
import { unitHash } from './datasets/read.ts';

/**
 * `textai train summarize`: fits the summarizer's sentence scorer — a logistic regression over
 * the sentence features — on the training 80% of BBC News Summary, whose references are
 * extractive (a sentence is a positive example when the reference contains it), then picks the
 * L2 penalty and the MMR redundancy penalty by ROUGE-2 in k-fold cross-validation on those same
 * training articles. The held-out 20% is not read here at all.
 */

export interface TrainSummarizeOptions {
  dataDir: string;
  folds: number;
  version: string;
  log: (message: string) => void;
  l2Grid?: number[];
  redundancyGrid?: number[];
}

export interface PreparedPair {
  pair: SummaryPair;
  doc: PreparedDocument;
  labels: Uint8Array;
}

const DEFAULT_L2 = [0.3, 3, 30];
const DEFAULT_REDUNDANCY = [0, 0.5, 1, 2, 3, 5];

function squeeze(s: string): string {
  return s.replace(/\s+/g, '');
}

/** Labels: 1 for a sentence the (extractive) reference contains. */
export function prepareExtractive(pair: SummaryPair): PreparedPair {
  const doc = prepareDocument(pair.text, pair.title);
  const reference = squeeze(pair.reference.join(''));
  const labels = new Uint8Array(doc.spans.length);
  doc.spans.forEach((span, i) => {
    const sentence = squeeze(pair.text.slice(span.start, span.end));
    labels[i] = sentence.length > 0 && reference.includes(sentence) ? 1 : 0;
  });
  return { pair, doc, labels };
}

/** Solves A x = b (A symmetric positive definite, small) by Gaussian elimination with pivoting. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(m[r * n + col]!) > Math.abs(m[pivot * n + col]!)) pivot = r;
    if (pivot !== col) {
      for (let c = 0; c < n; c++) {
        const t = m[col * n + c]!;
        m[col * n + c] = m[pivot * n + c]!;
        m[pivot * n + c] = t;
      }
      const t = x[col]!;
      x[col] = x[pivot]!;
      x[pivot] = t;
    }
    const d = m[col * n + col]! || 1e-12;
    for (let r = col + 1; r < n; r++) {
      const f = m[r * n + col]! / d;
      if (f === 0) continue;
      for (let c = col; c < n; c++) m[r * n + c]! -= f * m[col * n + c]!;
      x[r]! -= f * x[col]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r]!;
    for (let c = r + 1; c < n; c++) s -= m[r * n + c]! * x[c]!;
    x[r] = s / (m[r * n + r]! || 1e-12);
  }
  return x;
}

/**
 * L2-regularised logistic regression by Newton's method on standardised features; returns
 * weights and bias for the raw features (the standardisation folded in).
 */
export function fitLogistic(items: readonly PreparedPair[], l2: number): { weights: number[]; bias: number } {
  const d = FEATURE_COUNT;
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  let rows = 0;
  for (const { doc } of items) {
    for (let i = 0; i < doc.spans.length; i++) {
      rows++;
      for (let f = 0; f < d; f++) {
        const v = doc.features[i * d + f]!;
        mean[f]! += v;
        sq[f]! += v * v;
      }
    }
  }
  const std = new Float64Array(d);
  for (let f = 0; f < d; f++) {
    mean[f]! /= rows;
    std[f] = Math.sqrt(Math.max(sq[f]! / rows - mean[f]! * mean[f]!, 0)) || 1;
  }
  const p = d + 1; // last is the intercept
  const w = new Float64Array(p);
  const z = new Float64Array(p);
  for (let iter = 0; iter < 25; iter++) {
    const grad = new Float64Array(p);
    const hess = new Float64Array(p * p);
    for (const { doc, labels } of items) {
      for (let i = 0; i < doc.spans.length; i++) {
        for (let f = 0; f < d; f++) z[f] = (doc.features[i * d + f]! - mean[f]!) / std[f]!;
        z[d] = 1;
        let s = 0;
        for (let f = 0; f < p; f++) s += w[f]! * z[f]!;
        const q = 1 / (1 + Math.exp(-s));
        const g = q - labels[i]!;
        const h = Math.max(q * (1 - q), 1e-9);
        for (let a = 0; a < p; a++) {
          grad[a]! += g * z[a]!;
          const ha = h * z[a]!;
          for (let b = a; b < p; b++) hess[a * p + b]! += ha * z[b]!;
        }
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) hess[a * p + b] = hess[b * p + a]!;
    for (let a = 0; a < d; a++) {
      grad[a]! += l2 * w[a]!;
      hess[a * p + a]! += l2;
    }
    const step = solve(hess, grad, p);
    let change = 0;
    for (let a = 0; a < p; a++) {
      w[a]! -= step[a]!;
      change = Math.max(change, Math.abs(step[a]!));
    }
    if (change < 1e-7) break;
  }
  const weights: number[] = [];
  let bias = w[d]!;
  for (let f = 0; f < d; f++) {
    weights.push(w[f]! / std[f]!);
    bias -= (w[f]! * mean[f]!) / std[f]!;
  }
  return { weights, bias };
}

/** Mean ROUGE (×100) of summaries with as many sentences as each reference. */
export function rougeAtReferenceLength(
  items: readonly PreparedPair[],
  weights: ArrayLike<number>,
  bias: number,
  redundancy: number,
): ReturnType<RougeAccumulator['means']> {
  const acc = new RougeAccumulator();
  for (const { pair, doc } of items) {
    const logits = sentenceLogits(doc, weights, bias);
    const chosen = selectSentences(doc, logits, redundancy, {
      sentences: Math.max(1, pair.reference.length),
    });
    acc.add(
      rouge(
        chosen.map((i) => pair.text.slice(doc.spans[i]!.start, doc.spans[i]!.end)),
        pair.reference,
      ),
    );
  }
  return acc.means();
}

export async function trainSummarizer(
  options: TrainSummarizeOptions,
): Promise<{ model: SummarizerModelData; report: Record<string, unknown> }> {
  const { log } = options;
  const { train } = readBbcSummaries(options.dataDir);
  log(`BBC News Summary: ${train.length} training articles (the held-out 20% is not read)`);
  const items = train.map(prepareExtractive);
  const positives = items.reduce((s, it) => s + it.labels.reduce((a, b) => a + b, 0), 0);
  const sentences = items.reduce((s, it) => s + it.labels.length, 0);
  log(`${sentences} sentences, ${positives} in the references`);

  const folds = options.folds;
  const foldOf = (id: string): number => Math.floor(unitHash(`fold:${id}`) * folds);
  const l2Grid = options.l2Grid ?? DEFAULT_L2;
  const redundancyGrid = options.redundancyGrid ?? DEFAULT_REDUNDANCY;
  const cv: { l2: number; redundancy: number; rouge1: number; rouge2: number; rougeL: number }[] = [];
  for (const l2 of l2Grid) {
    const sums = redundancyGrid.map(() => ({ r1: 0, r2: 0, rl: 0, n: 0 }));
    for (let k = 0; k < folds; k++) {
      const fitOn = items.filter((it) => foldOf(it.pair.id) !== k);
      const scoreOn = items.filter((it) => foldOf(it.pair.id) === k);
      const { weights, bias } = fitLogistic(fitOn, l2);
      redundancyGrid.forEach((redundancy, r) => {
        const m = rougeAtReferenceLength(scoreOn, weights, bias, redundancy);
        const s = sums[r]!;
        s.r1 += m.rouge1 * m.n;
        s.r2 += m.rouge2 * m.n;
        s.rl += m.rougeL * m.n;
        s.n += m.n;
      });
    }
    redundancyGrid.forEach((redundancy, r) => {
      const s = sums[r]!;
      const row = { l2, redundancy, rouge1: s.r1 / s.n, rouge2: s.r2 / s.n, rougeL: s.rl / s.n };
      cv.push(row);
      log(
        `  cv l2=${l2} redundancy=${redundancy}: R1 ${row.rouge1.toFixed(2)} R2 ${row.rouge2.toFixed(2)} RL ${row.rougeL.toFixed(2)}`,
      );
    });
  }
  const best = cv.reduce((a, b) => (b.rouge2 > a.rouge2 ? b : a));
  log(`chosen: l2=${best.l2} redundancy=${best.redundancy} (CV ROUGE-2 ${best.rouge2.toFixed(2)})`);
  const { weights, bias } = fitLogistic(items, best.l2);
  const model: SummarizerModelData = {
    format: 'textai-summarizer',
    name: 'textai-summarizer',
    version: options.version,
    features: [...FEATURE_NAMES],
    weights: weights.map((w) => Number(w.toPrecision(6))),
    bias: Number(bias.toPrecision(6)),
    redundancy: best.redundancy,
    meta: {
      data: 'BBC News Summary, training 80% of articles (by id hash; see apps/server/src/ml/datasets/summarization.ts)',
      training_articles: items.length,
      training_sentences: sentences,
      positive_sentences: positives,
      l2: best.l2,
      cv_folds: folds,
      cv_rouge: { rouge1: best.rouge1, rouge2: best.rouge2, rougeL: best.rougeL },
    },
  };
  return { model, report: { cv, chosen: best } };
}
