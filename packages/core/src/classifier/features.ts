import { combine, mix32 } from '../text/hash.ts';
import { TokenBuffer, TokenFlag, TokenKind, tokenize } from '../text/tokenize.ts';
import { embeddingColumn, type WordVectors } from './embeddings.ts';
import type { Lexicon } from './lexicon.ts';

/**
 * Which features a model uses. Stored in the model file, so inference always extracts exactly the
 * features the weights were trained on.
 */
export interface FeatureConfig {
  /** log2 of the hashed weight-table size. */
  hashBits: number;
  /** Word n-gram orders to use, e.g. [1, 2]. */
  wordNgrams: number[];
  /** Character n-grams within words, inclusive range, e.g. [3, 5]; [] for none. */
  charNgrams: number[];
  /** Mark tokens in a negation scope so "not good" and "good" are different features. */
  negation: boolean;
  /** Casing and emphasis cues: ALL-CAPS words, elongated words. */
  cues: boolean;
  /** Scale each document's feature vector to unit length (then weights are comparable across lengths). */
  normalize: boolean;
  /** Extra unigram features for words after "but"/"however", which usually carry the verdict. */
  contrast?: boolean;
  /**
   * Down-weight (value in 0..1) given to character n-grams relative to word features; 1 keeps them
   * equal.
   */
  charWeight: number;
  /**
   * Scale of the mean word-vector block (0 or absent: no word vectors). Training emits the block
   * as dense features; trained models fold it into per-word scores (see embeddings.ts).
   */
  embeddingScale?: number;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  hashBits: 20,
  wordNgrams: [1, 2],
  charNgrams: [],
  negation: true,
  cues: true,
  normalize: true,
  charWeight: 1,
};

// Namespace seeds keep feature families apart in the shared hash space.
const NS_WORD = 0x3c6ef372;
const NS_NEG_WORD = 0x5be0cd19;
const NS_BIGRAM = 0x1f83d9ab;
const NS_TRIGRAM = 0x9b05688c;
const NS_CHAR = 0x510e527f;
const NS_NEG_CHAR = 0x6a09e667;
const NS_CUE_CAPS = 0x2a1b3c4d;
const NS_CUE_ELONG = 0x7e8f9a0b;
const NS_LEX_POS = 0x0badf00d;
const NS_LEX_NEG = 0x0ddba11;
const NS_CONTRAST = 0x4f1bbcdc;
const NS_BOS = 0x12345671;
const NS_EOS = 0x76543211;

/**
 * The features of one document: table indices, values, and the token(s) each one came from (for
 * explanations). Reused across calls; `count` entries are valid.
 */
export class FeatureBuffer {
  count = 0;
  index: Int32Array;
  value: Float32Array;
  tokenA: Int32Array;
  tokenB: Int32Array;
  readonly tokens = new TokenBuffer(256);

  constructor(capacity = 1024) {
    this.index = new Int32Array(capacity);
    this.value = new Float32Array(capacity);
    this.tokenA = new Int32Array(capacity);
    this.tokenB = new Int32Array(capacity);
  }

  push(index: number, value: number, tokenA: number, tokenB: number): void {
    if (this.count === this.index.length) this.grow();
    const i = this.count++;
    this.index[i] = index;
    this.value[i] = value;
    this.tokenA[i] = tokenA;
    this.tokenB[i] = tokenB;
  }

  private grow(): void {
    const size = this.index.length * 2;
    const index = new Int32Array(size);
    index.set(this.index);
    const value = new Float32Array(size);
    value.set(this.value);
    const tokenA = new Int32Array(size);
    tokenA.set(this.tokenA);
    const tokenB = new Int32Array(size);
    tokenB.set(this.tokenB);
    this.index = index;
    this.value = value;
    this.tokenA = tokenA;
    this.tokenB = tokenB;
  }
}

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c | 32 : c === 0x2019 ? 39 : c;
}

/**
 * Extracts the features of `text` into `out`. Word features come from token hashes; character
 * n-grams are hashed straight from the text's char codes. Returns the feature count.
 */
export function extractFeatures(
  text: string,
  config: FeatureConfig,
  lexicon: Lexicon | null,
  out: FeatureBuffer,
  vectors: WordVectors | null = null,
): number {
  out.count = 0;
  const tokens = out.tokens;
  tokenize(text, tokens);
  const mask = (1 << config.hashBits) - 1;
  const n = tokens.count;
  const hashes = tokens.hashes;
  const flags = tokens.flags;
  const kinds = tokens.kinds;
  const useUnigrams = config.wordNgrams.includes(1);
  const useBigrams = config.wordNgrams.includes(2);
  const useTrigrams = config.wordNgrams.includes(3);
  const charMin = config.charNgrams[0] ?? 0;
  const charMax = config.charNgrams[1] ?? charMin;
  const charWeight = config.charWeight;

  for (let i = 0; i < n; i++) {
    const h = hashes[i] ?? 0;
    const negated = config.negation && ((flags[i] ?? 0) & TokenFlag.Negated) !== 0;
    if (useUnigrams) out.push(combine(negated ? NS_NEG_WORD : NS_WORD, h) & mask, 1, i, -1);
    if (config.contrast && (flags[i] & TokenFlag.AfterContrast) !== 0) {
      out.push(combine(negated ? NS_NEG_WORD ^ NS_CONTRAST : NS_CONTRAST, h) & mask, 1, i, -1);
    }
    if (useBigrams) {
      const prev = i === 0 ? NS_BOS : (hashes[i - 1] ?? 0);
      out.push(combine(NS_BIGRAM, combine(prev, h)) & mask, 1, i === 0 ? i : i - 1, i);
      if (i === n - 1) out.push(combine(NS_BIGRAM, combine(h, NS_EOS)) & mask, 1, i, -1);
    }
    if (useTrigrams && i >= 2) {
      const t = combine(combine(hashes[i - 2] ?? 0, hashes[i - 1] ?? 0), h);
      out.push(combine(NS_TRIGRAM, t) & mask, 1, i - 2, i);
    }
    const kind = kinds[i];
    if (charMin > 0 && kind === TokenKind.Word) {
      // Character n-grams over "<word>", with '<' and '>' marking the word's edges.
      const start = tokens.starts[i] ?? 0;
      const end = tokens.ends[i] ?? 0;
      const len = end - start + 2;
      const seed = negated ? NS_NEG_CHAR : NS_CHAR;
      for (let s = 0; s + charMin <= len; s++) {
        let g = seed;
        const stop = Math.min(len, s + charMax);
        for (let p = s; p < stop; p++) {
          const code = p === 0 ? 60 : p === len - 1 ? 62 : lowerAscii(text.charCodeAt(start + p - 1));
          g = Math.imul(g ^ code, 16777619);
          if (p - s + 1 >= charMin) out.push(mix32(g) & mask, charWeight, i, -1);
        }
      }
    }
    if (config.cues && kind === TokenKind.Word) {
      const f = flags[i] ?? 0;
      if (f & TokenFlag.AllCaps) out.push(combine(NS_CUE_CAPS, h) & mask, 1, i, -1);
      if (f & TokenFlag.Elongated) out.push(mix32(NS_CUE_ELONG) & mask, 1, i, -1);
    }
    if (lexicon) {
      const valence = lexicon.get(h);
      if (valence !== undefined) {
        const v = negated ? -valence * 0.75 : valence;
        if (v > 0) out.push(mix32(NS_LEX_POS) & mask, v, i, -1);
        else if (v < 0) out.push(mix32(NS_LEX_NEG) & mask, -v, i, -1);
      }
    }
  }

  if (config.normalize && out.count > 0) {
    let sum = 0;
    for (let k = 0; k < out.count; k++) {
      const v = out.value[k] ?? 0;
      sum += v * v;
    }
    const scale = 1 / Math.sqrt(sum);
    for (let k = 0; k < out.count; k++) out.value[k] = (out.value[k] ?? 0) * scale;
  }
  if (vectors && config.embeddingScale) pushMeanVectors(tokens, config, vectors, mask, out);
  return out.count;
}

let vectorSums = new Float64Array(0);

/** Training only: the mean word vector, split into plain and negated blocks, as dense features. */
function pushMeanVectors(tokens: TokenBuffer, config: FeatureConfig, vectors: WordVectors, mask: number, out: FeatureBuffer): void {
  const dims = vectors.dims;
  if (vectorSums.length !== 2 * dims) vectorSums = new Float64Array(2 * dims);
  vectorSums.fill(0);
  let found = 0;
  for (let i = 0; i < tokens.count; i++) {
    const row = vectors.index.get(tokens.hashes[i]!);
    if (row === undefined) continue;
    const negated = config.negation && (tokens.flags[i]! & TokenFlag.Negated) !== 0;
    const base = negated ? dims : 0;
    for (let j = 0; j < dims; j++) vectorSums[base + j] += vectors.vectors[row * dims + j]!;
    found++;
  }
  if (found === 0) return;
  const scale = config.embeddingScale! / found;
  for (let j = 0; j < 2 * dims; j++) {
    if (vectorSums[j] !== 0) out.push(embeddingColumn(j, mask), vectorSums[j]! * scale, -1, -1);
  }
}

/**
 * Index of the domain-specific copy of a feature ("frustratingly easy" domain adaptation, Daumé
 * 2007): each domain gets its own weight for every feature on top of the shared one, in the same
 * hashed table.
 */
export function domainIndex(index: number, domain: number, mask: number): number {
  return mix32(index ^ Math.imul(domain + 1, 0x27d4eb2f)) & mask;
}

/** A feature every document of a domain has: its weights act as that domain's bias. */
export function domainBiasIndex(domain: number, mask: number): number {
  return mix32(Math.imul(domain + 1, 0x165667b1) ^ 0x5bd1e995) & mask;
}
