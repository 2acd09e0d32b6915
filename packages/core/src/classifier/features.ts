import { combine, mix32 } from '../text/hash.ts';
import { TokenBuffer, TokenFlag, TokenKind, tokenize } from '../text/tokenize.ts';
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
  /**
   * Down-weight (value in 0..1) given to character n-grams relative to word features; 1 keeps them
   * equal.
   */
  charWeight: number;
  /** A feature per @handle (who posted or is addressed can matter, e.g. official accounts). */
  mentionNames?: boolean;
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
const NS_MENTION = 0x3243f6a8;
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
): number {
  out.count = 0;
  const tokens = out.tokens;
  tokenize(text, tokens);
  const mask = (1 << config.hashBits) - 1;
  for (let i = 0; i < tokens.count; i++) {
    pushTokenFeatures(text, tokens, i, config, lexicon, mask, out);
    pushContextFeatures(tokens, i, config, mask, out);
  }
  if (config.normalize && out.count > 0) {
    let sum = 0;
    for (let k = 0; k < out.count; k++) sum += out.value[k]! * out.value[k]!;
    const scale = 1 / Math.sqrt(sum);
    for (let k = 0; k < out.count; k++) out.value[k] = out.value[k]! * scale;
  }
  return out.count;
}

/**
 * Features that depend on token `i` alone (its word, characters, casing and lexicon entry, and
 * whether it is negated). Their sum is the same wherever the token occurs, which the fast scorer
 * caches.
 */
export function pushTokenFeatures(
  text: string,
  tokens: TokenBuffer,
  i: number,
  config: FeatureConfig,
  lexicon: Lexicon | null,
  mask: number,
  out: FeatureBuffer,
): void {
  const h = tokens.hashes[i]!;
  const f = tokens.flags[i]!;
  const negated = config.negation && (f & TokenFlag.Negated) !== 0;
  if (config.wordNgrams.includes(1)) out.push(combine(negated ? NS_NEG_WORD : NS_WORD, h) & mask, 1, i, -1);
  const kind = tokens.kinds[i];
  const charMin = config.charNgrams[0] ?? 0;
  if (charMin > 0 && kind === TokenKind.Word) {
    // Character n-grams over "<word>", with '<' and '>' marking the word's edges.
    const charMax = config.charNgrams[1] ?? charMin;
    const start = tokens.starts[i]!;
    const len = tokens.ends[i]! - start + 2;
    const seed = negated ? NS_NEG_CHAR : NS_CHAR;
    for (let s = 0; s + charMin <= len; s++) {
      let g = seed;
      const stop = Math.min(len, s + charMax);
      for (let p = s; p < stop; p++) {
        const code = p === 0 ? 60 : p === len - 1 ? 62 : lowerAscii(text.charCodeAt(start + p - 1));
        g = Math.imul(g ^ code, 16777619);
        if (p - s + 1 >= charMin) out.push(mix32(g) & mask, config.charWeight, i, -1);
      }
    }
  }
  if (config.mentionNames && kind === TokenKind.Mention) {
    out.push(combine(NS_MENTION, mentionHash(text, tokens.starts[i]!, tokens.ends[i]!)) & mask, 1, i, -1);
  }
  if (config.cues && kind === TokenKind.Word) {
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

/** Hash of an @handle's name, case-insensitive (mention tokens themselves all hash to <user>). */
export function mentionHash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let k = start; k < end; k++) h = Math.imul(h ^ lowerAscii(text.charCodeAt(k)), 16777619);
  return h;
}

/** Table index of the bigram (previous token, this token); `previous` is -1 at the start. */
export function bigramIndex(tokens: TokenBuffer, i: number, mask: number): number {
  const prev = i === 0 ? NS_BOS : tokens.hashes[i - 1]!;
  return combine(NS_BIGRAM, combine(prev, tokens.hashes[i]!)) & mask;
}

/** Table index of the bigram (last token, end of text). */
export function endBigramIndex(tokens: TokenBuffer, i: number, mask: number): number {
  return combine(NS_BIGRAM, combine(tokens.hashes[i]!, NS_EOS)) & mask;
}

export function trigramIndex(tokens: TokenBuffer, i: number, mask: number): number {
  const h = tokens.hashes;
  return combine(NS_TRIGRAM, combine(combine(h[i - 2]!, h[i - 1]!), h[i]!)) & mask;
}

/** Features of token `i` with its neighbours: the bigram ending at it (and the end), the trigram. */
export function pushContextFeatures(
  tokens: TokenBuffer,
  i: number,
  config: FeatureConfig,
  mask: number,
  out: FeatureBuffer,
): void {
  if (config.wordNgrams.includes(2)) {
    out.push(bigramIndex(tokens, i, mask), 1, i === 0 ? i : i - 1, i);
    if (i === tokens.count - 1) out.push(endBigramIndex(tokens, i, mask), 1, i, -1);
  }
  if (config.wordNgrams.includes(3) && i >= 2) out.push(trigramIndex(tokens, i, mask), 1, i - 2, i);
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
