import { stemmer } from 'stemmer';

/**
 * ROUGE-1, ROUGE-2 and ROUGE-L F1 with the standard definition of Google's `rouge-score` package
 * (the reference implementation of Lin, 2004, as used in the summarization literature):
 * text lower-cased, every run of characters other than a–z and 0–9 is a separator, tokens longer
 * than three characters are Porter-stemmed (original algorithm, the `stemmer` package), n-gram
 * overlaps are clipped counts, and ROUGE-L is the summary-level LCS ("rougeLsum"): the union LCS
 * of each reference sentence against every candidate sentence, with sentences given one a line.
 * Scores are in 0..1.
 */

export interface RougeScore {
  precision: number;
  recall: number;
  f1: number;
}

export interface RougeScores {
  rouge1: RougeScore;
  rouge2: RougeScore;
  rougeL: RougeScore;
}

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

function stem(token: string): string {
  if (token.length <= 3) return token;
  let s = stemCache.get(token);
  if (s === undefined) {
    s = stemmer(token);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(token, s);
  }
  return s;
}

/** rouge-score's tokenizer: lower case, a–z0–9 runs, stems of tokens longer than three characters. */
export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '')
    .map(stem);
}

function score(hits: number, candidateCount: number, referenceCount: number): RougeScore {
  const precision = candidateCount > 0 ? hits / candidateCount : 0;
  const recall = referenceCount > 0 ? hits / referenceCount : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = n === 1 ? tokens[i]! : tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N of token lists: clipped n-gram overlap. */
export function rougeN(candidate: readonly string[], reference: readonly string[], n: number): RougeScore {
  const c = ngramCounts(candidate, n);
  const r = ngramCounts(reference, n);
  let hits = 0;
  for (const [gram, count] of c) hits += Math.min(count, r.get(gram) ?? 0);
  return score(hits, Math.max(0, candidate.length - n + 1), Math.max(0, reference.length - n + 1));
}

/** Indices into `ref` of one longest common subsequence of `ref` and `can` (rouge-score's backtrack). */
function lcsIndices(ref: readonly string[], can: readonly string[]): number[] {
  const rows = ref.length + 1;
  const cols = can.length + 1;
  const table = new Int32Array(rows * cols);
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      table[i * cols + j] =
        ref[i - 1] === can[j - 1]
          ? table[(i - 1) * cols + j - 1]! + 1
          : Math.max(table[(i - 1) * cols + j]!, table[i * cols + j - 1]!);
    }
  }
  const indices: number[] = [];
  let i = ref.length;
  let j = can.length;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      indices.push(i - 1);
      i--;
      j--;
    } else if (table[i * cols + j - 1]! > table[(i - 1) * cols + j]!) {
      j--;
    } else {
      i--;
    }
  }
  return indices.reverse();
}

/** Summary-level ROUGE-L of sentence-split token lists (union LCS, clipped by token counts). */
export function rougeLsum(candidate: readonly string[][], reference: readonly string[][]): RougeScore {
  const m = reference.reduce((sum, s) => sum + s.length, 0);
  const n = candidate.reduce((sum, s) => sum + s.length, 0);
  if (m === 0 || n === 0) return { precision: 0, recall: 0, f1: 0 };
  const refCounts = new Map<string, number>();
  const canCounts = new Map<string, number>();
  for (const s of reference) for (const t of s) refCounts.set(t, (refCounts.get(t) ?? 0) + 1);
  for (const s of candidate) for (const t of s) canCounts.set(t, (canCounts.get(t) ?? 0) + 1);
  let hits = 0;
  for (const ref of reference) {
    const union = new Set<number>();
    for (const can of candidate) for (const index of lcsIndices(ref, can)) union.add(index);
    for (const index of [...union].sort((a, b) => a - b)) {
      const token = ref[index]!;
      const c = canCounts.get(token) ?? 0;
      const r = refCounts.get(token) ?? 0;
      if (c > 0 && r > 0) {
        hits++;
        canCounts.set(token, c - 1);
        refCounts.set(token, r - 1);
      }
    }
  }
  return score(hits, n, m);
}

/**
 * ROUGE-1/2/L of a candidate summary against a reference, both given as lists of sentences
 * (ROUGE-1/2 read them as one text; ROUGE-L matches sentence by sentence).
 */
export function rouge(
  candidateSentences: readonly string[],
  referenceSentences: readonly string[],
): RougeScores {
  const can = candidateSentences.map(rougeTokens).filter((s) => s.length > 0);
  const ref = referenceSentences.map(rougeTokens).filter((s) => s.length > 0);
  const canFlat = can.flat();
  const refFlat = ref.flat();
  return {
    rouge1: rougeN(canFlat, refFlat, 1),
    rouge2: rougeN(canFlat, refFlat, 2),
    rougeL: rougeLsum(can, ref),
  };
}

/** Running means of ROUGE F1 over a test set. */
export class RougeAccumulator {
  private n = 0;
  private r1 = 0;
  private r2 = 0;
  private rl = 0;

  add(scores: RougeScores): void {
    this.n++;
    this.r1 += scores.rouge1.f1;
    this.r2 += scores.rouge2.f1;
    this.rl += scores.rougeL.f1;
  }

  /** Mean F1 × 100 (the scale papers report), and the count. */
  means(): { n: number; rouge1: number; rouge2: number; rougeL: number } {
    const d = Math.max(1, this.n);
    return {
      n: this.n,
      rouge1: (100 * this.r1) / d,
      rouge2: (100 * this.r2) / d,
      rougeL: (100 * this.rl) / d,
    };
  }
}
