import { domainBiasIndex, domainIndex, extractFeatures, FeatureBuffer, type FeatureConfig } from './features.ts';
import { negatedKey, type WordScores } from './embeddings.ts';
import type { Lexicon } from './lexicon.ts';
import { TokenFlag } from '../text/tokenize.ts';

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
  /** Per-word scores folded from pretrained word vectors, averaged over the words found. */
  wordScores: WordScores | null;
  /** Free-form metadata kept in the model file (training data, metrics, date). */
  meta: Record<string, unknown>;
}

export interface Contribution {
  start: number;
  end: number;
  weight: number;
}

/** Domains whose probability is below this add nothing worth the lookups. */
const MIN_DOMAIN_SHARE = 0.005;

export class LinearModel {
  readonly classes: number;
  private readonly buffer = new FeatureBuffer();
  private readonly mask: number;
  private readonly domainShare: Float64Array;

  constructor(readonly data: LinearModelData) {
    this.classes = data.labels.length;
    this.mask = (1 << data.features.hashBits) - 1;
    this.domainShare = new Float64Array(data.router ? data.router.names.length : 0);
    const expected = (1 << data.features.hashBits) * this.classes;
    if (data.weights.length !== expected) {
      throw new Error(`model ${data.name}: weight table has ${data.weights.length} entries, expected ${expected}`);
    }
  }

  /** Raw class scores (logits) for `text`, written into `out` (length = classes). */
  scores(text: string, out: Float64Array = new Float64Array(this.classes)): Float64Array {
    const n = extractFeatures(text, this.data.features, this.data.lexicon, this.buffer);
    this.scoreFeatures(n, out);
    return out;
  }

  /** Calibrated class probabilities for `text`, written into `out`. */
  predict(text: string, out: Float64Array = new Float64Array(this.classes)): Float64Array {
    this.scores(text, out);
    softmaxInPlace(out);
    return out;
  }

  /** P(domain | text) of the last scored text, for domain-adapted models. */
  lastDomainShares(): Float64Array {
    return this.domainShare;
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
    if (this.data.wordScores) this.addWordScores(out, null);
  }

  /**
   * Adds the mean of the per-word scores of the words that have one. With `perToken`, also
   * records each token's share of class `target`'s raw score.
   */
  private addWordScores(out: Float64Array | null, perToken: { shares: Float64Array; target: number } | null): number {
    const ws = this.data.wordScores!;
    const tokens = this.buffer.tokens;
    const C = ws.classes;
    const negation = this.data.features.negation;
    let found = 0;
    for (let i = 0; i < tokens.count; i++) {
      const hash = tokens.hashes[i]!;
      const key = negation && (tokens.flags[i]! & TokenFlag.Negated) !== 0 ? negatedKey(hash) : hash;
      if (ws.index.has(key)) found++;
    }
    if (found === 0) return 0;
    for (let i = 0; i < tokens.count; i++) {
      const hash = tokens.hashes[i]!;
      const key = negation && (tokens.flags[i]! & TokenFlag.Negated) !== 0 ? negatedKey(hash) : hash;
      const row = ws.index.get(key);
      if (row === undefined) continue;
      const base = row * C;
      if (out) for (let c = 0; c < C; c++) out[c] += ws.scores[base + c]! / found;
      if (perToken) {
        let others = 0;
        for (let c = 0; c < C; c++) if (c !== perToken.target) others += ws.scores[base + c]!;
        perToken.shares[i] += (ws.scores[base + perToken.target]! - others / (C - 1)) / found;
      }
    }
    return found;
  }

  private addDomainScores(n: number, out: Float64Array): void {
    const router = this.data.router!;
    const shares = this.routeDomains(n);
    const { weights } = this.data;
    const C = this.classes;
    const { index, value } = this.buffer;
    for (let d = 0; d < router.names.length; d++) {
      const p = shares[d]!;
      if (p < MIN_DOMAIN_SHARE) continue;
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
   */
  explain(text: string, target: number): { contributions: Contribution[]; bias: number; raw: number } {
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
          if (shares[d]! < MIN_DOMAIN_SHARE) continue;
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
    if (this.data.wordScores) this.addWordScores(null, { shares: perToken, target });
    if (shares) {
      for (let d = 0; d < shares.length; d++) {
        if (shares[d]! < MIN_DOMAIN_SHARE) continue;
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
