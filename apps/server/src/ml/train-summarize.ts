import {
  FEATURE_NAMES,
  prepareDocument,
  RougeAccumulator,
  rouge,
  rougeN,
  rougeTokens,
  selectSentences,
  sentenceLogits,
  setBudget,
  SummarizerModel,
  type PreparedDocument,
  type SummarizerModelData,
} from '@textai/core/summarize';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readBbcSummaries, readCnnDailyMail, type SummaryPair } from './datasets/summarization.ts';
import { unitHash } from './datasets/read.ts';
import { DEFAULT_NETWORK, fitNetwork, type Network, type NetworkOptions } from './summarize/network.ts';

/**
 * `textai train summarize`: fits the summarizer's sentence scorer, a small network trained with a
 * pairwise ranking loss (summarize/network.ts), on
 *
 * - the training 80% of BBC News Summary, whose references are extractive (a sentence is a
 *   positive example when the reference contains it; the summary budget is the reference's
 *   sentence count); the held-out 20% is not read here at all;
 * - the CNN/DailyMail validation sample (unless `cnn` is false), whose highlights are abstractive:
 *   positives are the greedy ROUGE oracle (up to 3 sentences that add most ROUGE-1 + ROUGE-2
 *   against the highlights); budget 3. Because the same sample is what `textai eval summarize`
 *   reports, the evaluation re-runs this whole procedure in k folds by article
 *   (`cnnCrossValidation`) and reports only held-out folds.
 *
 * The MMR redundancy penalty is chosen by cross-validation on the training documents only
 * (`fitSummarizer`): mean ROUGE F1 on held-out folds, averaged over the two sources.
 */

export type SummarySource = 'bbc' | 'cnn';

export interface SummaryItem {
  pair: SummaryPair;
  source: SummarySource;
  doc: PreparedDocument;
  labels: Uint8Array;
  /** Sentences the summary takes (BBC: the reference's count; CNN: 3). */
  budget: number;
  weight: number;
}

export interface TrainSummarizeOptions {
  dataDir: string;
  folds: number;
  version: string;
  log: (message: string) => void;
  /** Also learn from the CNN/DailyMail sample (default true when it is present). */
  cnn?: boolean;
  redundancyGrid?: number[];
  network?: NetworkOptions;
}

export const CNN_BUDGET = 3;
/** Folds of the CNN sample for the cross-validated figure `textai eval summarize` reports. */
export const CNN_FOLDS = 5;
const DEFAULT_REDUNDANCY = [0, 0.5, 1, 2];

function squeeze(s: string): string {
  return s.replace(/\s+/g, '');
}

/** BBC: labels 1 for a sentence the (extractive) reference contains. */
export function prepareExtractive(pair: SummaryPair): SummaryItem {
  const doc = prepareDocument(pair.text, pair.title);
  const reference = squeeze(pair.reference.join(''));
  const labels = new Uint8Array(doc.spans.length);
  doc.spans.forEach((span, i) => {
    const sentence = squeeze(pair.text.slice(span.start, span.end));
    labels[i] = sentence.length > 0 && reference.includes(sentence) ? 1 : 0;
  });
  const budget = Math.max(1, pair.reference.length);
  setBudget(doc, budget);
  return { pair, source: 'bbc', doc, labels, budget, weight: 1 };
}

/**
 * Abstractive references: labels 1 for the greedy oracle, the sentences that, added one at a
 * time, most raise ROUGE-1 + ROUGE-2 F1 against the reference (at most `budget`, stopping when
 * nothing raises it).
 */
export function prepareOracle(
  pair: SummaryPair,
  budget = CNN_BUDGET,
  source: SummarySource = 'cnn',
): SummaryItem {
  const doc = prepareDocument(pair.text, pair.title);
  const tokens = doc.spans.map((s) => rougeTokens(pair.text.slice(s.start, s.end)));
  const reference = pair.reference.flatMap(rougeTokens);
  const labels = new Uint8Array(doc.spans.length);
  const chosen: number[] = [];
  let best = 0;
  while (chosen.length < budget) {
    let pick = -1;
    for (let i = 0; i < tokens.length; i++) {
      if (labels[i]) continue;
      const candidate = [...chosen, i].sort((a, b) => a - b).flatMap((k) => tokens[k]!);
      const value = rougeN(candidate, reference, 1).f1 + rougeN(candidate, reference, 2).f1;
      if (value > best + 1e-12) {
        best = value;
        pick = i;
      }
    }
    if (pick < 0) break;
    labels[pick] = 1;
    chosen.push(pick);
  }
  setBudget(doc, budget);
  return { pair, source, doc, labels, budget, weight: 1 };
}

export interface SourceScores {
  source: SummarySource;
  n: number;
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

/** Mean ROUGE (×100) per source of the summaries `model` makes at each item's budget, for each redundancy. */
export function scoreItems(
  items: readonly SummaryItem[],
  network: Network,
  redundancies: readonly number[],
): SourceScores[][] {
  const model = new SummarizerModel(toModelData(network, 0, 'cv', {}));
  const acc = redundancies.map(() => new Map<SummarySource, RougeAccumulator>());
  for (const item of items) {
    const { pair, doc } = item;
    const logits = sentenceLogits(doc, model, item.budget);
    redundancies.forEach((redundancy, r) => {
      const chosen = selectSentences(doc, logits, redundancy, { sentences: item.budget });
      const text = chosen.map((i) => pair.text.slice(doc.spans[i]!.start, doc.spans[i]!.end));
      const bySource = acc[r]!;
      if (!bySource.has(item.source)) bySource.set(item.source, new RougeAccumulator());
      bySource.get(item.source)!.add(rouge(text, pair.reference));
    });
  }
  return acc.map((bySource) => [...bySource].map(([source, a]) => ({ source, ...a.means() })));
}

/** One number per redundancy: the mean over sources of the mean of ROUGE-1, -2 and -L. */
function objective(scores: readonly SourceScores[]): number {
  if (scores.length === 0) return 0;
  return scores.reduce((s, x) => s + (x.rouge1 + x.rouge2 + x.rougeL) / 3, 0) / scores.length;
}

function foldOf(id: string, salt: string, folds: number): number {
  return Math.floor(unitHash(`${salt}:${id}`) * folds);
}

/** Pools scores of several folds (weighted by their counts). */
function pool(parts: readonly SourceScores[][]): SourceScores[] {
  const sums = new Map<SummarySource, SourceScores>();
  for (const part of parts) {
    for (const s of part) {
      const t = sums.get(s.source) ?? { source: s.source, n: 0, rouge1: 0, rouge2: 0, rougeL: 0 };
      t.n += s.n;
      t.rouge1 += s.rouge1 * s.n;
      t.rouge2 += s.rouge2 * s.n;
      t.rougeL += s.rougeL * s.n;
      sums.set(s.source, t);
    }
  }
  return [...sums.values()].map((t) => ({
    ...t,
    rouge1: t.rouge1 / Math.max(1, t.n),
    rouge2: t.rouge2 / Math.max(1, t.n),
    rougeL: t.rougeL / Math.max(1, t.n),
  }));
}

export interface FittedSummarizer {
  network: Network;
  redundancy: number;
  cv: { redundancy: number; objective: number; scores: SourceScores[] }[];
}

/**
 * The whole training procedure on `items`: the redundancy penalty by `folds`-fold cross-validation
 * on them (folds by article id), then the network fitted on all of them.
 */
export function fitSummarizer(
  items: readonly SummaryItem[],
  options: { folds: number; redundancyGrid?: number[]; network?: NetworkOptions; log?: (m: string) => void },
): FittedSummarizer {
  const grid = options.redundancyGrid ?? DEFAULT_REDUNDANCY;
  const net = options.network ?? DEFAULT_NETWORK;
  const perFold: SourceScores[][][] = grid.map(() => []);
  for (let k = 0; k < options.folds; k++) {
    const fitOn = items.filter((it) => foldOf(it.pair.id, 'fold', options.folds) !== k);
    const scoreOn = items.filter((it) => foldOf(it.pair.id, 'fold', options.folds) === k);
    const network = fitNetwork(fitOn, net);
    scoreItems(scoreOn, network, grid).forEach((scores, r) => perFold[r]!.push(scores));
  }
  const cv = grid.map((redundancy, r) => {
    const scores = pool(perFold[r]!);
    return { redundancy, objective: objective(scores), scores };
  });
  for (const row of cv) {
    options.log?.(
      `  cv redundancy=${row.redundancy}: ${row.scores
        .map(
          (s) => `${s.source} R1 ${s.rouge1.toFixed(2)} R2 ${s.rouge2.toFixed(2)} RL ${s.rougeL.toFixed(2)}`,
        )
        .join('; ')}`,
    );
  }
  const best = cv.reduce((a, b) => (b.objective > a.objective ? b : a));
  return { network: fitNetwork(items, net), redundancy: best.redundancy, cv };
}

function round(values: readonly number[]): number[] {
  return values.map((v) => Number(v.toPrecision(6)));
}

export function toModelData(
  network: Network,
  redundancy: number,
  version: string,
  meta: Record<string, unknown>,
): SummarizerModelData {
  return {
    format: 'textai-summarizer',
    name: 'textai-summarizer',
    version,
    features: [...FEATURE_NAMES],
    mean: round(network.mean),
    scale: round(network.scale),
    hidden: { weights: round(network.hidden.weights), bias: round(network.hidden.bias) },
    weights: round(network.weights),
    linear: round(network.linear),
    bias: Number(network.bias.toPrecision(6)),
    redundancy,
    meta,
  };
}

function hasCnn(dataDir: string): boolean {
  return existsSync(join(dataDir, 'cnn-dailymail-sample', 'cnn_dailymail_validation.csv'));
}

/** The training documents: BBC training 80%, and the CNN sample when asked for and present. */
export function readTrainingItems(dataDir: string, cnn: boolean): { bbc: SummaryItem[]; cnn: SummaryItem[] } {
  const { train } = readBbcSummaries(dataDir);
  return {
    bbc: train.map(prepareExtractive),
    cnn: cnn && hasCnn(dataDir) ? readCnnDailyMail(dataDir).map((p) => prepareOracle(p)) : [],
  };
}

export async function trainSummarizer(
  options: TrainSummarizeOptions,
): Promise<{ model: SummarizerModelData; report: Record<string, unknown> }> {
  const { log } = options;
  const started = performance.now();
  const data = readTrainingItems(options.dataDir, options.cnn ?? true);
  const items = [...data.bbc, ...data.cnn];
  log(
    `BBC News Summary: ${data.bbc.length} training articles (the held-out 20% is not read); CNN/DailyMail sample: ${data.cnn.length} articles (greedy-oracle labels)`,
  );
  const sentences = items.reduce((s, it) => s + it.labels.length, 0);
  const positives = items.reduce((s, it) => s + it.labels.reduce((a, b) => a + b, 0), 0);
  log(`${sentences} sentences, ${positives} positive`);
  const network = options.network ?? DEFAULT_NETWORK;
  const fitted = fitSummarizer(items, {
    folds: options.folds,
    redundancyGrid: options.redundancyGrid,
    network,
    log,
  });
  log(`chosen: redundancy=${fitted.redundancy} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const chosen = fitted.cv.find((row) => row.redundancy === fitted.redundancy);
  const model = toModelData(fitted.network, fitted.redundancy, options.version, {
    data: [
      'BBC News Summary, training 80% of articles (by id hash; see apps/server/src/ml/datasets/summarization.ts)',
      ...(data.cnn.length > 0
        ? ['CNN/DailyMail validation sample (500 articles), greedy ROUGE oracle labels']
        : []),
    ],
    cnn_articles: data.cnn.length,
    cnn_budget: CNN_BUDGET,
    training_articles: items.length,
    training_sentences: sentences,
    positive_sentences: positives,
    network,
    redundancy_grid: options.redundancyGrid ?? DEFAULT_REDUNDANCY,
    cv_folds: options.folds,
    cv_rouge: chosen?.scores,
  });
  return { model, report: { cv: fitted.cv, chosen: fitted.redundancy } };
}

/**
 * The CNN/DailyMail figure without training on what is scored: the CNN sample is cut into
 * CNN_FOLDS folds by article id; for each, the whole training procedure (`fitSummarizer`, with
 * its own inner cross-validation) runs on the BBC training 80% plus the other folds, and the
 * resulting model summarises the held-out fold. Returns one summary (sentence indices) per article.
 */
export function cnnCrossValidation(
  bbc: readonly SummaryItem[],
  cnn: readonly SummaryItem[],
  options: { folds: number; innerFolds: number; redundancyGrid?: number[]; network?: NetworkOptions },
): Map<string, number[]> {
  const picks = new Map<string, number[]>();
  for (let k = 0; k < options.folds; k++) {
    const held = cnn.filter((it) => foldOf(it.pair.id, 'cnn-fold', options.folds) === k);
    const rest = cnn.filter((it) => foldOf(it.pair.id, 'cnn-fold', options.folds) !== k);
    const fitted = fitSummarizer([...bbc, ...rest], {
      folds: options.innerFolds,
      redundancyGrid: options.redundancyGrid,
      network: options.network,
    });
    const model = new SummarizerModel(toModelData(fitted.network, fitted.redundancy, 'cv', {}));
    for (const item of held) {
      const logits = sentenceLogits(item.doc, model, item.budget);
      picks.set(
        item.pair.id,
        selectSentences(item.doc, logits, fitted.redundancy, { sentences: item.budget }),
      );
    }
  }
  return picks;
}
