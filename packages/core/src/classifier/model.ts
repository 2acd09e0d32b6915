import {
  domainBiasIndex,
  bigramIndex,
  domainIndex,
  endBigramIndex,
  extractFeatures,
  mentionHash,
  trigramIndex,
  FeatureBuffer,
  pushTokenFeatures,
  type FeatureConfig,
} from './features.ts';
import type { Lexicon } from './lexicon.ts';
import { combine } from '../text/hash.ts';
import { TokenFlag, TokenKind, tokenize } from '../text/tokenize.ts';

/**
 * Routes a text to the training domains (corpora) of a domain-adapted model. It reads the same
 * extracted features through a smaller table (the low `hashBits` bits of each feature index).
 */
export interface DomainRouter {
  names: string[];
  hashBits: number;
  weights: Float32Array;
  bias: Float32Array;
}

/**
 * A multinomial linear classifier over hashed features. Weights live in one Float32Array laid out
 * feature-major (`weights[index * classes + c]`), so one feature's class weights share a cache line.
 *
 * Calibration is folded into the weights at training time (temperature scaling divides every
 * weight), so `predict` returns calibrated probabilities and explanations sum to the calibrated
 * raw score.
 */
export interface LinearModelData {
  name: string;
  version: string;
  labels: string[];
  features: FeatureConfig;
  weights: Float32Array;
  bias: Float32Array;
  lexicon: Lexicon | null;
  /** With a router, each domain's own feature weights are added in proportion to P(domain | text). */
  router: DomainRouter | null;
  /** Free-form metadata kept in the model file (training data, metrics, date). */
  meta: Record<string, unknown>;
}

export interface Contribution {
  start: number;
  end: number;
  weight: number;
}

/**
 * Upper bound on cached token rows per model (per thread): about 100k distinct tokens, a few MB.
 * Past it, new tokens are scored without being stored.
 */
const TOKEN_CACHE_LIMIT = 100_000;

export class LinearModel {
  readonly classes: number;
  private readonly buffer = new FeatureBuffer();
  private readonly mask: number;
  private readonly domainShare: Float64Array;
  /**
   * Fast path: the features of a token alone (its word, characters, casing, lexicon entry) sum to
   * the same scores wherever it occurs, so each distinct token is scored once and cached as a row
   * of `rowWidth` floats: shared class scores, per-domain class scores, router scores, and the
   * sum of squared feature values (for the document's normalisation).
   */
  private readonly tokenRows = new Map<number, number>();
  private readonly contextRows = new Map<number, number>();
  private rowPool: Float64Array;
  private rowKeys = new Int32Array(1024);
  private readonly rowWidth: number;
  private readonly scratch = new FeatureBuffer(256);
  private readonly accumulator: Float64Array;
  private readonly keyFlags: number;
  private readonly bigrams: boolean;
  private readonly trigrams: boolean;
  /** The unit-length scale of the last scored document (explanations reuse it). */
  private lastScale = 1;
  private readonly explainLogits: Float64Array;

  constructor(readonly data: LinearModelData) {
    this.classes = data.labels.length;
    this.mask = (1 << data.features.hashBits) - 1;
    const domains = data.router ? data.router.names.length : 0;
    this.domainShare = new Float64Array(domains);
    this.rowWidth = this.classes + domains * this.classes + domains + 1;
    this.rowPool = new Float64Array(this.rowWidth * 1024);
    this.accumulator = new Float64Array(this.rowWidth);
    this.explainLogits = new Float64Array(this.classes);
    this.bigrams = data.features.wordNgrams.includes(2);
    this.trigrams = data.features.wordNgrams.includes(3);
    this.keyFlags =
      (data.features.negation ? TokenFlag.Negated : 0) |
      (data.features.cues ? TokenFlag.AllCaps | TokenFlag.Elongated : 0);
    const expected = (1 << data.features.hashBits) * this.classes;
    if (data.weights.length !== expected) {
      throw new Error(
        `model ${data.name}: weight table has ${data.weights.length} entries, expected ${expected}`,
      );
    }
  }

  /** Raw class scores (logits) for `text`, written into `out` (length = classes). */
  scores(text: string, out: Float64Array = new Float64Array(this.classes)): Float64Array {
    const { features, weights, bias, router } = this.data;
    const C = this.classes;
    const D = router ? router.names.length : 0;
    const tokens = this.buffer.tokens;
    tokenize(text, tokens);
    const acc = this.accumulator;
    acc.fill(0);
    const width = this.rowWidth;
    for (let i = 0; i < tokens.count; i++) {
      const row = this.tokenRow(text, i);
      const pool = this.rowPool;
      for (let j = 0; j < width; j++) acc[j] += pool[row + j]!;
    }
    // Bigrams and trigrams depend on neighbours: looked up directly (the order of
    // pushContextFeatures, without its buffer).
    const n = tokens.count;
    if (this.bigrams) {
      for (let i = 0; i < n; i++) this.addContextFeature(bigramIndex(tokens, i, this.mask), acc);
      if (n > 0) this.addContextFeature(endBigramIndex(tokens, n - 1, this.mask), acc);
    }
    if (this.trigrams)
      for (let i = 2; i < n; i++) this.addContextFeature(trigramIndex(tokens, i, this.mask), acc);
    const sumSquares = acc[width - 1]!;
    const scale = features.normalize && sumSquares > 0 ? 1 / Math.sqrt(sumSquares) : 1;
    this.lastScale = scale;
    for (let c = 0; c < C; c++) out[c] = bias[c]! + scale * acc[c]!;
    if (router) {
      const shares = this.domainShare;
      for (let d = 0; d < D; d++) shares[d] = router.bias[d]! + scale * acc[C + D * C + d]!;
      softmaxInPlace(shares);
      for (let d = 0; d < D; d++) {
        const p = shares[d]!;
        const biasBase = domainBiasIndex(d, this.mask) * C;
        for (let c = 0; c < C; c++) out[c] += p * (weights[biasBase + c]! + scale * acc[C + d * C + c]!);
      }
    }
    return out;
  }

  /**
   * The same scores by plain feature extraction, without the token cache: the reference the fast
   * path is tested against.
   */
  referenceScores(text: string, out: Float64Array = new Float64Array(this.classes)): Float64Array {
    const n = extractFeatures(text, this.data.features, this.data.lexicon, this.buffer);
    this.scoreFeatures(n, out);
    return out;
  }

  /** Offset in `rowPool` of token `i`'s cached row, computing it on first sight. */
  private tokenRow(text: string, i: number): number {
    const tokens = this.buffer.tokens;
    const length = tokens.ends[i]! - tokens.starts[i]!;
    const kind = tokens.kinds[i]!;
    // Mentions all share one token hash; with mention-name features their names tell them apart.
    const identity =
      kind === TokenKind.Mention && this.data.features.mentionNames
        ? mentionHash(text, tokens.starts[i]!, tokens.ends[i]!)
        : tokens.hashes[i]!;
    const key = combine(identity, (length << 12) | (kind << 8) | (tokens.flags[i]! & this.keyFlags));
    // Map keys stay within V8's small-integer range (no boxing); the full key is checked on a hit.
    const shortKey = key & 0x3fffffff;
    const cached = this.tokenRows.get(shortKey);
    const width = this.rowWidth;
    if (cached !== undefined && this.rowKeys[cached / width] === key) return cached;
    let row = cached === undefined ? this.allocateRow() : -1;
    if (row >= 0) {
      this.tokenRows.set(shortKey, row);
      this.rowKeys[row / width] = key;
    } else {
      row = this.rowPool.length - width; // the last row is scratch: used, never cached
    }
    const pool = this.rowPool;
    pool.fill(0, row, row + width);
    const scratch = this.scratch;
    scratch.count = 0;
    pushTokenFeatures(text, tokens, i, this.data.features, this.data.lexicon, this.mask, scratch);
    for (let k = 0; k < scratch.count; k++)
      this.accumulateFeature(scratch.index[k]!, scratch.value[k]!, pool, row);
    return row;
  }

  /**
   * Adds a bigram's or trigram's contributions. With a router each one costs a lookup per domain,
   * so its row is cached by table index like a token's; without one, three reads are cheaper than
   * a cache lookup.
   */
  private addContextFeature(index: number, acc: Float64Array): void {
    if (this.data.router === null) {
      this.accumulateFeature(index, 1, acc, 0);
      return;
    }
    let row = this.contextRows.get(index);
    if (row === undefined) {
      row = this.allocateRow();
      if (row >= 0) this.contextRows.set(index, row);
      else row = this.rowPool.length - this.rowWidth;
      this.rowPool.fill(0, row, row + this.rowWidth);
      this.accumulateFeature(index, 1, this.rowPool, row);
    }
    const pool = this.rowPool;
    for (let j = 0; j < this.rowWidth; j++) acc[j] += pool[row + j]!;
  }

  /** Offset of a fresh cache row, or -1 when the cache is full. */
  private allocateRow(): number {
    const used = this.tokenRows.size + this.contextRows.size;
    if (used >= TOKEN_CACHE_LIMIT) return -1;
    const width = this.rowWidth;
    const row = used * width;
    if (row + width > this.rowPool.length - width) {
      const grown = new Float64Array(this.rowPool.length * 2);
      grown.set(this.rowPool);
      this.rowPool = grown;
      const keys = new Int32Array(this.rowKeys.length * 2);
      keys.set(this.rowKeys);
      this.rowKeys = keys;
    }
    return row;
  }

  /** Adds one feature's (unnormalised) contributions to a row laid out as `rowWidth` describes. */
  private accumulateFeature(index: number, v: number, target: Float64Array, row: number): void {
    const { weights, router } = this.data;
    const C = this.classes;
    const base = index * C;
    for (let c = 0; c < C; c++) target[row + c] += v * weights[base + c]!;
    if (router !== null) {
      const D = router.names.length;
      for (let d = 0; d < D; d++) {
        const dBase = domainIndex(index, d, this.mask) * C;
        for (let c = 0; c < C; c++) target[row + C + d * C + c] += v * weights[dBase + c]!;
      }
      const rBase = (index & ((1 << router.hashBits) - 1)) * D;
      for (let d = 0; d < D; d++) target[row + C + D * C + d] += v * router.weights[rBase + d]!;
    }
    target[row + this.rowWidth - 1] += v * v;
  }

  /** Calibrated class probabilities for `text`, written into `out`. */
  predict(text: string, out: Float64Array = new Float64Array(this.classes)): Float64Array {
    this.scores(text, out);
    softmaxInPlace(out);
    return out;
  }

  private scoreFeatures(n: number, out: Float64Array): void {
    const { weights, bias } = this.data;
    const C = this.classes;
    const { index, value } = this.buffer;
    for (let c = 0; c < C; c++) out[c] = bias[c]!;
    for (let k = 0; k < n; k++) {
      const base = index[k]! * C;
      const v = value[k]!;
      for (let c = 0; c < C; c++) out[c] += v * weights[base + c]!;
    }
    if (this.data.router) this.addDomainScores(n, out);
  }

  private addDomainScores(n: number, out: Float64Array): void {
    const router = this.data.router!;
    const shares = this.routeDomains(n);
    const { weights } = this.data;
    const C = this.classes;
    const { index, value } = this.buffer;
    for (let d = 0; d < router.names.length; d++) {
      const p = shares[d]!;
      const biasBase = domainBiasIndex(d, this.mask) * C;
      for (let c = 0; c < C; c++) out[c] += p * weights[biasBase + c]!;
      for (let k = 0; k < n; k++) {
        const base = domainIndex(index[k]!, d, this.mask) * C;
        const v = p * value[k]!;
        for (let c = 0; c < C; c++) out[c] += v * weights[base + c]!;
      }
    }
  }

  private routeDomains(n: number): Float64Array {
    const router = this.data.router!;
    const D = router.names.length;
    const routerMask = (1 << router.hashBits) - 1;
    const shares = this.domainShare;
    const { index, value } = this.buffer;
    for (let d = 0; d < D; d++) shares[d] = router.bias[d]!;
    for (let k = 0; k < n; k++) {
      const base = (index[k]! & routerMask) * D;
      const v = value[k]!;
      for (let d = 0; d < D; d++) shares[d] += v * router.weights[base + d]!;
    }
    softmaxInPlace(shares);
    return shares;
  }

  /**
   * Per-token contributions to the raw score of class `target`, defined as that class's logit
   * minus the mean logit of the other classes (for two classes: the log-odds). The contributions
   * plus `bias` equal `raw` (up to float rounding).
   *
   * It reads the cached token rows of the fast scorer (each token's features already summed per
   * class, per domain) instead of extracting every character n-gram again; only the bigrams and
   * trigrams, split between their tokens, are looked up one by one.
   */
  explain(text: string, target: number): { contributions: Contribution[]; bias: number; raw: number } {
    const { weights, bias, router } = this.data;
    const C = this.classes;
    // Scoring fills the token buffer, the document scale and the domain shares used below.
    this.scores(text, this.explainLogits);
    const scale = this.lastScale;
    const shares = router ? this.domainShare : null;
    const D = shares ? shares.length : 0;
    const tokens = this.buffer.tokens;
    const n = tokens.count;
    const relative = (table: ArrayLike<number>, base: number): number => {
      let others = 0;
      for (let c = 0; c < C; c++) if (c !== target) others += table[base + c]!;
      return table[base + target]! - others / (C - 1);
    };
    const perToken = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const row = this.tokenRow(text, i); // a cache hit after scoring (or the scratch row, refilled)
      const pool = this.rowPool;
      let contribution = relative(pool, row);
      for (let d = 0; d < D; d++) contribution += shares![d]! * relative(pool, row + C + d * C);
      perToken[i] = scale * contribution;
    }
    const contextContribution = (index: number): number => {
      let contribution = relative(weights, index * C);
      for (let d = 0; d < D; d++)
        contribution += shares![d]! * relative(weights, domainIndex(index, d, this.mask) * C);
      return scale * contribution;
    };
    // A bigram's or trigram's weight is shared by its first and last token (the first bigram, from
    // the start of the text, and the end bigram belong to one token).
    if (this.bigrams) {
      for (let i = 0; i < n; i++) {
        const contribution = contextContribution(bigramIndex(tokens, i, this.mask));
        if (i === 0) perToken[0] += contribution;
        else {
          perToken[i - 1] += contribution / 2;
          perToken[i] += contribution / 2;
        }
      }
      if (n > 0) perToken[n - 1] += contextContribution(endBigramIndex(tokens, n - 1, this.mask));
    }
    if (this.trigrams) {
      for (let i = 2; i < n; i++) {
        const contribution = contextContribution(trigramIndex(tokens, i, this.mask));
        perToken[i - 2] += contribution / 2;
        perToken[i] += contribution / 2;
      }
    }
    let biasShare = relative(bias, 0);
    for (let d = 0; d < D; d++)
      biasShare += shares![d]! * relative(weights, domainBiasIndex(d, this.mask) * C);
    let raw = biasShare;
    const contributions: Contribution[] = [];
    for (let i = 0; i < n; i++) {
      raw += perToken[i]!;
      contributions.push({ start: tokens.starts[i]!, end: tokens.ends[i]!, weight: perToken[i]! });
    }
    return { contributions, bias: biasShare, raw };
  }

  /**
   * The same explanation by plain feature extraction, without the token cache: the reference
   * `explain` is tested against.
   */
  referenceExplain(
    text: string,
    target: number,
  ): { contributions: Contribution[]; bias: number; raw: number } {
    const { weights, bias } = this.data;
    const C = this.classes;
    const buffer = this.buffer;
    const n = extractFeatures(text, this.data.features, this.data.lexicon, buffer);
    const tokens = buffer.tokens;
    const perToken = new Float64Array(tokens.count);
    const relative = (table: ArrayLike<number>, base: number): number => {
      let others = 0;
      for (let c = 0; c < C; c++) if (c !== target) others += table[base + c]!;
      return table[base + target]! - others / (C - 1);
    };
    let biasShare = relative(bias, 0);
    const shares = this.data.router ? this.routeDomains(n) : null;
    for (let k = 0; k < n; k++) {
      const v = buffer.value[k]!;
      let contribution = v * relative(weights, buffer.index[k]! * C);
      if (shares) {
        for (let d = 0; d < shares.length; d++) {
          contribution += shares[d]! * v * relative(weights, domainIndex(buffer.index[k]!, d, this.mask) * C);
        }
      }
      const a = buffer.tokenA[k]!;
      const b = buffer.tokenB[k]!;
      if (a < 0) {
        biasShare += contribution; // a feature of no token (none at inference today)
      } else if (b >= 0 && b !== a) {
        // A bigram's or trigram's weight is shared by its first and last token.
        perToken[a] += contribution / 2;
        perToken[b] += contribution / 2;
      } else {
        perToken[a] += contribution;
      }
    }
    if (shares) {
      for (let d = 0; d < shares.length; d++) {
        biasShare += shares[d]! * relative(weights, domainBiasIndex(d, this.mask) * C);
      }
    }
    let raw = biasShare;
    const contributions: Contribution[] = [];
    for (let i = 0; i < tokens.count; i++) {
      raw += perToken[i]!;
      contributions.push({ start: tokens.starts[i]!, end: tokens.ends[i]!, weight: perToken[i]! });
    }
    return { contributions, bias: biasShare, raw };
  }
}

export function softmaxInPlace(z: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) if (z[c]! > max) max = z[c]!;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    const e = Math.exp(z[c]! - max);
    z[c] = e;
    sum += e;
  }
  for (let c = 0; c < z.length; c++) z[c] = z[c]! / sum;
}
