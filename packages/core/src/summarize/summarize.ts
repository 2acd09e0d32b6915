import { languageWarnings } from '../text/language.ts';
import { requireText } from '../text/validate.ts';
import { AnalysisInputError, type ResultWarning } from '../types.ts';
import {
  BUDGET_FEATURE,
  cosine,
  FEATURE_COUNT,
  idfOf,
  sentenceFeatures,
  sentenceVectors,
  termSalience,
  topTerms,
  type SentenceVectors,
} from './features.ts';
import { HEURISTIC_SUMMARIZER, type SummarizerModel } from './model.ts';
import { splitSentences, type SentenceSpan } from './split.ts';
import { documentTerms, lookupTerms } from './terms.ts';
import type { SummarizeLengthOptions, SummaryKeyword, SummaryResult } from './types.ts';

/** The replaced system's defaults (its sliders: max 50–200, default 130; min 20–100, default 30). */
export const DEFAULT_MAX_LENGTH = 130;
export const DEFAULT_MIN_LENGTH = 30;
const KEYWORDS = 10;
/** Cosine at which a sentence counts as a repeat of one already chosen. */
const DUPLICATE_SIMILARITY = 0.9;
const DUPLICATE_PENALTY = 1e6;

export interface SummarizeInput {
  text: string;
  title?: string;
}

export interface SummarizeOptions extends SummarizeLengthOptions {
  /** The trained scorer (loadSummarizerModel); hand-set weights when absent. */
  model?: SummarizerModel;
  /** Language check that adds a NON_ENGLISH warning (default true). */
  detectLanguage?: boolean;
  /** Number of keywords (default 10). */
  keywords?: number;
}

/** How many words or sentences to pick, after validation. */
export type LengthPlan = { kind: 'sentences'; count: number } | { kind: 'words'; max: number; min: number };

function checkPositiveInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new AnalysisInputError('VALIDATION_ERROR', `${name} must be a positive whole number`);
  }
  return value;
}

/** Validates the length options; `originalWords` turns a ratio into a word budget. */
export function lengthPlan(options: SummarizeLengthOptions, originalWords: number): LengthPlan {
  const { sentences, ratio, max_length: max, min_length: min } = options;
  const given = [sentences, ratio, max].filter((v) => v !== undefined && v !== null).length;
  if (given > 1) {
    throw new AnalysisInputError(
      'VALIDATION_ERROR',
      'give at most one of sentences, ratio and max_length (min_length may go with max_length)',
    );
  }
  if (sentences !== undefined && sentences !== null) {
    if (min !== undefined && min !== null) {
      throw new AnalysisInputError('VALIDATION_ERROR', 'min_length cannot be combined with sentences');
    }
    return { kind: 'sentences', count: checkPositiveInteger('sentences', sentences) };
  }
  const minWords = min === undefined || min === null ? undefined : checkPositiveInteger('min_length', min);
  if (ratio !== undefined && ratio !== null) {
    if (typeof ratio !== 'number' || !Number.isFinite(ratio) || ratio <= 0 || ratio > 1) {
      throw new AnalysisInputError('VALIDATION_ERROR', 'ratio must be a number greater than 0 and at most 1');
    }
    const budget = Math.max(1, Math.round(ratio * originalWords));
    if (minWords !== undefined && minWords > budget) {
      throw new AnalysisInputError(
        'VALIDATION_ERROR',
        `min_length (${minWords}) is greater than the ratio's word budget (${budget})`,
      );
    }
    return { kind: 'words', max: budget, min: minWords ?? 0 };
  }
  const maxWords = max === undefined || max === null ? undefined : checkPositiveInteger('max_length', max);
  if (maxWords !== undefined && minWords !== undefined && minWords > maxWords) {
    throw new AnalysisInputError(
      'VALIDATION_ERROR',
      `min_length (${minWords}) must not be greater than max_length (${maxWords})`,
    );
  }
  const maxFinal = maxWords ?? Math.max(DEFAULT_MAX_LENGTH, minWords ?? 0);
  return { kind: 'words', max: maxFinal, min: minWords ?? Math.min(DEFAULT_MIN_LENGTH, maxFinal) };
}

/**
 * Greedy MMR selection: repeatedly the sentence with the best logit minus `redundancy` times its
 * largest similarity to a sentence already chosen, within the length plan.
 */
function select(
  logits: Float64Array,
  words: Int32Array,
  vectors: SentenceVectors,
  redundancy: number,
  plan: LengthPlan,
): { chosen: number[]; overMax: boolean } {
  const n = logits.length;
  const maxSim = new Float64Array(n);
  const taken = new Uint8Array(n);
  const chosen: number[] = [];
  let total = 0;
  let overMax = false;
  const best = (fits: (i: number) => boolean): number => {
    let bestIndex = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < n; i++) {
      if (taken[i] || !fits(i)) continue;
      // A near-copy of a chosen sentence comes last, whatever the model's redundancy weight.
      const duplicate = maxSim[i]! >= DUPLICATE_SIMILARITY ? DUPLICATE_PENALTY : 0;
      const value = logits[i]! - redundancy * maxSim[i]! - duplicate;
      if (value > bestValue) {
        bestValue = value;
        bestIndex = i;
      }
    }
    return bestIndex;
  };
  const take = (i: number): void => {
    taken[i] = 1;
    chosen.push(i);
    total += words[i]!;
    const ids = vectors.ids[i]!;
    const w = vectors.weights[i]!;
    for (let j = 0; j < n; j++) {
      if (taken[j]) continue;
      const s = cosine(ids, w, vectors.ids[j]!, vectors.weights[j]!);
      if (s > maxSim[j]!) maxSim[j] = s;
    }
  };
  if (plan.kind === 'sentences') {
    const count = Math.min(plan.count, n);
    while (chosen.length < count) take(best(() => true));
    return { chosen, overMax };
  }
  // Fill up to max_length with the best sentences that fit.
  for (;;) {
    const i = best((k) => total + words[k]! <= plan.max);
    if (i < 0) break;
    take(i);
  }
  if (chosen.length === 0) {
    // No sentence fits: the best one alone, flagged, rather than an empty summary.
    take(best(() => true));
    overMax = total > plan.max;
  }
  // Below min_length: add the best remaining sentences (never more than the text has).
  while (total < plan.min && chosen.length < n) {
    take(best(() => true));
    if (total > plan.max) overMax = true;
  }
  return { chosen, overMax };
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** Keywords: the most salient terms, scores relative to the top one. */
function keywordsOf(salience: Float64Array, surface: readonly string[], k: number): SummaryKeyword[] {
  const top = topTerms(salience, k);
  const first = top[0];
  if (first === undefined) return [];
  const max = salience[first]!;
  return top.map((t) => ({ term: surface[t]!, score: round4(salience[t]! / max) }));
}

/** A document split, tokenised and turned into sentence features, ready to score. */
export interface PreparedDocument {
  spans: SentenceSpan[];
  /** Row-major features, FEATURE_COUNT per sentence. */
  features: Float64Array;
  words: Int32Array;
  vectors: SentenceVectors;
  salience: Float64Array;
  surface: string[];
}

export function prepareDocument(text: string, title: string | undefined): PreparedDocument {
  const spans = splitSentences(text);
  const terms = documentTerms(text, spans);
  const idf = idfOf(terms);
  const vectors = sentenceVectors(terms, idf);
  const titleTerms = title ? [...new Set(lookupTerms(title, terms.vocabulary))] : [];
  const salience = termSalience(terms, idf, new Set(titleTerms));
  const features = sentenceFeatures({ text, spans, terms, vectors, idf, titleTerms, salience });
  return { spans, features, words: terms.sentenceWords, vectors, salience, surface: terms.surface };
}

/** Anything that turns one row of sentence features into a logit (a SummarizerModel, or a model in training). */
export interface SentenceScorer {
  logit(features: ArrayLike<number>, offset?: number): number;
}

/**
 * Writes the budget features of `doc` for a summary of about `budget` sentences: the summary's
 * share of the document's sentences, and each sentence's position in units of the budget.
 */
export function setBudget(doc: PreparedDocument, budget: number): void {
  const n = doc.spans.length;
  const k = Math.max(1, Math.min(budget, n));
  for (let i = 0; i < n; i++) {
    const row = i * FEATURE_COUNT + BUDGET_FEATURE;
    doc.features[row] = n > 0 ? k / n : 1;
    doc.features[row + 1] = Math.min(i / k, 4);
  }
}

/** Sentences a length plan amounts to: the count, or the word budget over the mean sentence length. */
export function budgetOf(plan: LengthPlan, words: Int32Array): number {
  const n = words.length;
  if (plan.kind === 'sentences') return Math.max(1, Math.min(plan.count, n));
  let total = 0;
  for (let i = 0; i < n; i++) total += words[i]!;
  const mean = n > 0 ? Math.max(1, total / n) : 1;
  return Math.max(1, Math.min(n, Math.round(Math.max(plan.max, plan.min) / mean)));
}

/** The scorer's logit for every sentence of a prepared document, for a summary of about `budget` sentences. */
export function sentenceLogits(doc: PreparedDocument, scorer: SentenceScorer, budget: number): Float64Array {
  setBudget(doc, budget);
  const n = doc.spans.length;
  const logits = new Float64Array(n);
  for (let i = 0; i < n; i++) logits[i] = scorer.logit(doc.features, i * FEATURE_COUNT);
  return logits;
}

/** Indices (in text order) of the sentences a summary of `doc` takes; for training and evaluation. */
export function selectSentences(
  doc: PreparedDocument,
  logits: Float64Array,
  redundancy: number,
  length: SummarizeLengthOptions,
): number[] {
  let originalWords = 0;
  for (let i = 0; i < doc.words.length; i++) originalWords += doc.words[i]!;
  const { chosen } = select(logits, doc.words, doc.vectors, redundancy, lengthPlan(length, originalWords));
  return chosen.sort((a, b) => a - b);
}

/**
 * Extractive summary of `input.text`: sentences scored by the model (position, centrality, title
 * and keyword overlap, ...), chosen with redundancy control within the length options, returned
 * in text order. Deterministic; reads the whole text.
 */
export function summarize(input: SummarizeInput | string, options: SummarizeOptions = {}): SummaryResult {
  const text = requireText(typeof input === 'string' ? input : input.text);
  const rawTitle = typeof input === 'string' ? undefined : input.title;
  if (rawTitle !== undefined && rawTitle !== null && typeof rawTitle !== 'string') {
    throw new AnalysisInputError('VALIDATION_ERROR', 'title must be a string');
  }
  const title = rawTitle?.trim() ? rawTitle : undefined;
  const model = options.model ?? HEURISTIC_SUMMARIZER;
  const scored = prepareDocument(text, title);
  const { spans, words } = scored;
  let originalWords = 0;
  for (let i = 0; i < words.length; i++) originalWords += words[i]!;
  const plan = lengthPlan(options, originalWords);
  const warnings: ResultWarning[] = [];
  if (spans.length === 0) throw new AnalysisInputError('EMPTY_TEXT', 'text has no sentences');
  const logits = sentenceLogits(scored, model, budgetOf(plan, words));
  const { chosen, overMax } = select(logits, words, scored.vectors, model.data.redundancy, plan);
  chosen.sort((a, b) => a - b);
  if (overMax && plan.kind === 'words') {
    warnings.push({
      code: 'SUMMARY_OVER_MAX_LENGTH',
      message: `no sentence choice fits max_length (${plan.max} words); the summary is longer`,
    });
  }
  if (plan.kind === 'sentences' && plan.count > spans.length) {
    warnings.push({
      code: 'FEWER_SENTENCES',
      message: `the text has only ${spans.length} sentence${spans.length === 1 ? '' : 's'}`,
    });
  }
  let summaryWords = 0;
  const sentences = chosen.map((i) => {
    const span = spans[i]!;
    summaryWords += words[i]!;
    return {
      index: i,
      start: span.start,
      end: span.end,
      text: text.slice(span.start, span.end),
      score: round4(1 / (1 + Math.exp(-logits[i]!))),
    };
  });
  if (options.detectLanguage !== false) warnings.push(...languageWarnings(text));
  return {
    summary: sentences.map((s) => s.text).join(' '),
    sentences,
    keywords: keywordsOf(scored.salience, scored.surface, options.keywords ?? KEYWORDS),
    original_length: originalWords,
    summary_length: summaryWords,
    compression_ratio: originalWords > 0 ? round4(summaryWords / originalWords) : 0,
    model: model.info,
    warnings,
  };
}
