import type { SentenceSpan } from './split.ts';
import type { DocumentTerms } from './terms.ts';

/**
 * Sentence features for the scorer, and the sentence graph behind the centrality feature.
 *
 * Sentences are tf-idf vectors over the document's own terms (idf from the document's sentence
 * frequencies), unit length. Similarities are computed only between sentences at most
 * NEIGHBOURHOOD positions apart, which keeps the graph linear in the document length (a
 * 100,000-character text is read whole in a few milliseconds) and changes nothing for articles,
 * whose sentences all fall in one neighbourhood.
 */
export const FEATURE_NAMES = [
  'lead',
  'second',
  'third',
  'inv_position',
  'position',
  'position_sq',
  'paragraph_start',
  'paragraph_lead',
  'log_words',
  'short',
  'long',
  'centrality',
  'textrank',
  'centroid',
  'title',
  'keyword_density',
  'quote',
  'question',
  'digits',
  'proper_density',
  'surface_cosine',
  'textrank_rank',
  'surface_cosine_rank',
  'centrality_rank',
  'words',
  'stop_fraction',
  'mean_word_length',
  'number_density',
  'boilerplate',
  'doc_sentences',
  // Filled at scoring time from the length plan (see BUDGET_FEATURES): the summary's share of
  // the document's sentences, and the sentence's position in units of the summary length.
  'budget_ratio',
  'budget_position',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export const FEATURE_COUNT = FEATURE_NAMES.length;
/** Column of budget_ratio; budget_position follows it. */
export const BUDGET_FEATURE = FEATURE_NAMES.indexOf('budget_ratio');

/** Sentences further apart than this are not compared in the graph. */
export const NEIGHBOURHOOD = 50;
const DAMPING = 0.85;
const MAX_ITERATIONS = 40;
const TOLERANCE = 1e-6;
/** Keywords used by the keyword_density feature. */
const DENSITY_KEYWORDS = 10;

/** Unit-length sparse tf-idf vectors of the sentences. */
export interface SentenceVectors {
  ids: Int32Array[];
  weights: Float64Array[];
  /** Each sentence's term ids with repeats, sorted (for the bag-of-words Dice overlap). */
  bags: Int32Array[];
  /** Sorted unstemmed word ids with repeats (DocumentTerms.surfaceBags). */
  surfaceBags: Int32Array[];
}

export function idfOf(terms: DocumentTerms): Float64Array {
  const n = terms.sentenceTerms.length;
  const idf = new Float64Array(terms.df.length);
  for (let t = 0; t < idf.length; t++) idf[t] = Math.log(1 + n / terms.df[t]!);
  return idf;
}

export function sentenceVectors(terms: DocumentTerms, idf: Float64Array): SentenceVectors {
  const scratch = new Float64Array(idf.length);
  const ids: Int32Array[] = [];
  const weights: Float64Array[] = [];
  for (const bag of terms.sentenceTerms) {
    const unique: number[] = [];
    for (const t of bag) {
      if (scratch[t] === 0) unique.push(t);
      scratch[t]! += 1;
    }
    unique.sort((a, b) => a - b);
    const w = new Float64Array(unique.length);
    let norm = 0;
    for (let k = 0; k < unique.length; k++) {
      const t = unique[k]!;
      w[k] = scratch[t]! * idf[t]!;
      norm += w[k]! * w[k]!;
      scratch[t] = 0;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < w.length; k++) w[k]! /= norm;
    ids.push(Int32Array.from(unique));
    weights.push(w);
  }
  const bags = terms.sentenceTerms.map((bag) => Int32Array.from(bag).sort());
  return { ids, weights, bags, surfaceBags: terms.surfaceBags };
}

/** Cosine of two unit sparse vectors with sorted ids (merge join). */
export function cosine(aIds: Int32Array, aW: Float64Array, bIds: Int32Array, bW: Float64Array): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < aIds.length && j < bIds.length) {
    const a = aIds[i]!;
    const b = bIds[j]!;
    if (a === b) {
      dot += aW[i]! * bW[j]!;
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  return dot;
}

type Similarity = (vectors: SentenceVectors, i: number, j: number) => number;
const cosineOf: Similarity = (v, i, j) => cosine(v.ids[i]!, v.weights[i]!, v.ids[j]!, v.weights[j]!);
const diceOf: Similarity = (v, i, j) => dice(v.bags[i]!, v.bags[j]!);
const surfaceCosineOf: Similarity = (v, i, j) => bagCosine(v.surfaceBags[i]!, v.surfaceBags[j]!);

/** Each value's rank in the document as a share: 0 for the highest, 1 for the lowest (ties by position). */
function rankShare(values: Float64Array): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[b]! - values[a]! || a - b);
  const share = new Float64Array(n);
  for (let r = 0; r < n; r++) share[order[r]!] = n > 1 ? r / (n - 1) : 0;
  return share;
}

/**
 * Sentences that are page furniture rather than news: bylines, datelines, "PUBLISHED: ... |
 * UPDATED: ...", share and follow prompts, "CLICK HERE", "Scroll down for video", picture credits.
 */
const BOILERPLATE =
  /^(?:By\s*\.|By [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){1,3}\s*(?:\.|\||and [A-Z]|for [A-Z]|$)|(?:PUBLISHED|UPDATED|Last updated)\b|E-?mail to a friend|Share this\b|Follow @|Follow us\b|Read more\b|Scroll down\b|(?:Photos?|Photograph|Images?|Pictures?|Video):|Editor's note\b|Copyright\b)|CLICK HERE\b|[Cc]lick here to\b|[Ss]croll down for\b|All rights reserved|\b(?:PUBLISHED|UPDATED):/;

export function isBoilerplate(sentence: string): boolean {
  return BOILERPLATE.test(sentence);
}

/** Cosine of the term-frequency vectors of two sorted bags with repeats. */
export function bagCosine(a: Int32Array, b: Int32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    const t = Math.min(x, y);
    let ca = 0;
    let cb = 0;
    while (i < a.length && a[i] === t) {
      i++;
      ca++;
    }
    while (j < b.length && b[j] === t) {
      j++;
      cb++;
    }
    dot += ca * cb;
    na += ca * ca;
    nb += cb * cb;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Sørensen–Dice overlap of two sentences' sorted term bags (classic TextRank's similarity): the
 * tokens of each that occur in the other, over all tokens of both.
 */
export function dice(a: Int32Array, b: Int32Array): number {
  if (a.length + b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      let ni = 0;
      let nj = 0;
      while (i < a.length && a[i] === x) {
        i++;
        ni++;
      }
      while (j < b.length && b[j] === x) {
        j++;
        nj++;
      }
      common += ni + nj;
    } else if (x < y) i++;
    else j++;
  }
  return common / (a.length + b.length);
}

/**
 * LexRank-style centrality: PageRank over the weighted similarity graph of sentences within the
 * neighbourhood. Scaled so that the mean is 1 (independent of the sentence count).
 */
export function centrality(
  vectors: SentenceVectors,
  similarity: Similarity = cosineOf,
  selfLoop = 0,
): Float64Array {
  const n = vectors.ids.length;
  const scores = new Float64Array(n).fill(1);
  if (n <= 1) return scores;
  const band = Math.min(n - 1, NEIGHBOURHOOD);
  // sims[i * band + (j - i - 1)] for i < j ≤ i + band
  const sims = new Float64Array(n * band);
  const rowSum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ai = vectors.ids[i]!;
    if (ai.length === 0) continue;
    const last = Math.min(n - 1, i + band);
    for (let j = i + 1; j <= last; j++) {
      const s = similarity(vectors, i, j);
      if (s > 0) {
        sims[i * band + (j - i - 1)] = s;
        rowSum[i]! += s;
        rowSum[j]! += s;
      }
    }
  }
  if (selfLoop > 0) for (let i = 0; i < n; i++) rowSum[i]! += selfLoop;
  let p = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    next.fill((1 - DAMPING) / n);
    let dangling = 0;
    for (let i = 0; i < n; i++) if (rowSum[i] === 0) dangling += p[i]!;
    const spread = (DAMPING * dangling) / n;
    for (let i = 0; i < n; i++) {
      next[i]! += spread + (selfLoop > 0 ? (DAMPING * p[i]! * selfLoop) / rowSum[i]! : 0);
      const last = Math.min(n - 1, i + band);
      const fi = rowSum[i]! > 0 ? (DAMPING * p[i]!) / rowSum[i]! : 0;
      for (let j = i + 1; j <= last; j++) {
        const s = sims[i * band + (j - i - 1)]!;
        if (s === 0) continue;
        next[j]! += fi * s;
        next[i]! += rowSum[j]! > 0 ? ((DAMPING * p[j]!) / rowSum[j]!) * s : 0;
      }
    }
    let delta = 0;
    for (let i = 0; i < n; i++) delta += Math.abs(next[i]! - p[i]!);
    [p, next] = [next, p];
    if (delta < TOLERANCE) break;
  }
  for (let i = 0; i < n; i++) scores[i] = p[i]! * n;
  return scores;
}

/** Keyword weights of the terms: frequency × idf, favouring early and title terms. Not normalised. */
export function termSalience(
  terms: DocumentTerms,
  idf: Float64Array,
  titleTerms: ReadonlySet<number>,
): Float64Array {
  const n = terms.sentenceTerms.length;
  const salience = new Float64Array(idf.length);
  for (let t = 0; t < salience.length; t++) {
    if (terms.numeric[t] === 1) continue;
    const early = 1 + 0.5 / (1 + (terms.firstSentence[t]! * 10) / Math.max(10, n));
    const inTitle = titleTerms.has(t) ? 1.5 : 1;
    // In a one-sentence text every idf is equal: frequency alone decides.
    salience[t] = terms.tf[t]! * (n > 1 ? idf[t]! : 1) * early * inTitle;
  }
  return salience;
}

/** Ids of the `k` most salient terms, best first (ties by first occurrence: deterministic). */
export function topTerms(salience: Float64Array, k: number): number[] {
  const ids: number[] = [];
  for (let t = 0; t < salience.length; t++) if (salience[t]! > 0) ids.push(t);
  ids.sort((a, b) => salience[b]! - salience[a]! || a - b);
  return ids.slice(0, k);
}

export interface FeatureContext {
  text: string;
  spans: readonly SentenceSpan[];
  terms: DocumentTerms;
  vectors: SentenceVectors;
  idf: Float64Array;
  /** Title terms in the document vocabulary (empty without a title). */
  titleTerms: readonly number[];
  salience: Float64Array;
}

/** The feature matrix, row-major: sentence i's features at [i * FEATURE_COUNT, …). */
export function sentenceFeatures(ctx: FeatureContext): Float64Array {
  const { text, spans, terms, vectors, idf } = ctx;
  const n = spans.length;
  const x = new Float64Array(n * FEATURE_COUNT);
  const central = centrality(vectors);
  const textRank = centrality(vectors, diceOf, 1);
  const surfaceCosine = centrality(vectors, surfaceCosineOf);
  const textRankRank = rankShare(textRank);
  const surfaceCosineRank = rankShare(surfaceCosine);
  const centralRank = rankShare(central);
  const logSentences = Math.log(1 + n);

  // Document centroid (sum of unit sentence vectors) and title vector, as dense arrays.
  const centroid = new Float64Array(idf.length);
  for (let i = 0; i < n; i++) {
    const ids = vectors.ids[i]!;
    const w = vectors.weights[i]!;
    for (let k = 0; k < ids.length; k++) centroid[ids[k]!]! += w[k]!;
  }
  let centroidNorm = 0;
  for (let t = 0; t < centroid.length; t++) centroidNorm += centroid[t]! * centroid[t]!;
  centroidNorm = Math.sqrt(centroidNorm) || 1;
  const title = new Float64Array(idf.length);
  let titleNorm = 0;
  for (const t of ctx.titleTerms) title[t]! += idf[t]!;
  for (const t of ctx.titleTerms) titleNorm += title[t]! * title[t]!;
  titleNorm = Math.sqrt(titleNorm) || 1;
  const keywords = new Set(topTerms(ctx.salience, DENSITY_KEYWORDS));

  let paragraph = 0;
  let sentenceInParagraph = 0;
  for (let i = 0; i < n; i++) {
    const span = spans[i]!;
    if (span.paragraphStart && i > 0) {
      paragraph++;
      sentenceInParagraph = 0;
    } else if (i > 0) sentenceInParagraph++;
    const ids = vectors.ids[i]!;
    const w = vectors.weights[i]!;
    let c = 0;
    let ti = 0;
    for (let k = 0; k < ids.length; k++) {
      c += w[k]! * centroid[ids[k]!]!;
      ti += w[k]! * title[ids[k]!]!;
    }
    const bag = terms.sentenceTerms[i]!;
    let keywordHits = 0;
    let numbers = 0;
    for (const t of bag) {
      if (keywords.has(t)) keywordHits++;
      if (terms.numeric[t] === 1) numbers++;
    }
    const words = terms.sentenceWords[i]!;
    let quote = 0;
    let question = 0;
    let digits = 0;
    let capitals = 0;
    let letters = 0;
    let atWordStart = true;
    for (let k = span.start; k < span.end; k++) {
      const ch = text.charCodeAt(k);
      if (ch === 34 || ch === 0x201c || ch === 0x201d) quote = 1;
      else if (ch === 63) question = 1;
      else if (ch >= 48 && ch <= 57) digits = 1;
      if ((ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122)) letters++;
      if (atWordStart && ch >= 65 && ch <= 90 && k > span.start) capitals++;
      atWordStart = ch === 32;
    }
    const relative = n > 1 ? i / (n - 1) : 0;
    const row = i * FEATURE_COUNT;
    const values: Record<FeatureName, number> = {
      lead: i === 0 ? 1 : 0,
      second: i === 1 ? 1 : 0,
      third: i === 2 ? 1 : 0,
      inv_position: 1 / (i + 1),
      position: relative,
      position_sq: relative * relative,
      paragraph_start: span.paragraphStart ? 1 : 0,
      paragraph_lead: 1 / (1 + paragraph) / (1 + sentenceInParagraph),
      log_words: Math.log(1 + words),
      short: words < 8 ? 1 : 0,
      long: words > 45 ? 1 : 0,
      centrality: central[i]!,
      textrank: textRank[i]!,
      centroid: c / centroidNorm,
      title: ctx.titleTerms.length > 0 ? ti / titleNorm : 0,
      keyword_density: bag.length > 0 ? keywordHits / bag.length : 0,
      quote,
      question,
      digits,
      proper_density: words > 0 ? capitals / words : 0,
      surface_cosine: surfaceCosine[i]!,
      textrank_rank: textRankRank[i]!,
      surface_cosine_rank: surfaceCosineRank[i]!,
      centrality_rank: centralRank[i]!,
      words: Math.min(words, 80) / 20,
      stop_fraction: words > 0 ? (words - bag.length) / words : 0,
      mean_word_length: words > 0 ? Math.min(letters / words, 12) : 0,
      number_density: bag.length > 0 ? numbers / bag.length : 0,
      boilerplate: isBoilerplate(text.slice(span.start, span.end)) ? 1 : 0,
      doc_sentences: logSentences,
      budget_ratio: 0,
      budget_position: 0,
    };
    for (let f = 0; f < FEATURE_COUNT; f++) x[row + f] = values[FEATURE_NAMES[f]!];
  }
  return x;
}
