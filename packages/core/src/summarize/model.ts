import type { ModelInfo } from '../types.ts';
import { FEATURE_COUNT, FEATURE_NAMES } from './features.ts';

/**
 * The summarizer's sentence scorer over the sentence features of features.ts, plus the redundancy
 * penalty of the MMR selection. Stored as a small JSON file.
 *
 * Two shapes: linear (`weights` over the raw features, plus `bias`), used by the hand-set fallback;
 * and a small two-layer network (`hidden` present): the features are standardised with `mean` and
 * `scale`, go through one tanh layer, and `weights`/`bias` map the hidden units to the logit, to
 * which direct `linear` weights of the standardised features add.
 * Trained by `textai train summarize` (apps/server/src/ml/train-summarize.ts).
 */
export interface SummarizerModelData {
  format: 'textai-summarizer';
  name: string;
  version: string;
  /** Feature names, in the order the inputs are read; must equal FEATURE_NAMES. */
  features: string[];
  /** Per-feature centring and scale (network only): input = (x - mean) / scale. */
  mean?: number[];
  scale?: number[];
  /** The hidden layer (network only): `weights` row-major [unit][feature], one bias per unit. */
  hidden?: { weights: number[]; bias: number[] };
  /** Network only: direct weights from the standardised features to the logit. */
  linear?: number[];
  /** Output weights: over the features (linear) or the hidden units (network). */
  weights: number[];
  bias: number;
  /** MMR penalty: logit units subtracted per unit of cosine similarity to a chosen sentence. */
  redundancy: number;
  meta: Record<string, unknown>;
}

const finite = (values: readonly number[]): boolean => values.every(Number.isFinite);

export class SummarizerModel {
  readonly info: ModelInfo;
  /** Output weights (see SummarizerModelData.weights). */
  readonly weights: Float64Array;
  readonly bias: number;
  readonly hiddenUnits: number;
  readonly hiddenWeights: Float64Array;
  readonly hiddenBias: Float64Array;
  readonly linear: Float64Array;
  readonly mean: Float64Array;
  /** 1 / scale, per feature. */
  readonly invScale: Float64Array;
  private readonly input = new Float64Array(FEATURE_COUNT);

  constructor(readonly data: SummarizerModelData) {
    if (data.format !== 'textai-summarizer') throw new Error('not a textai-summarizer model');
    if (data.features.join(',') !== FEATURE_NAMES.join(',')) {
      throw new Error(
        `feature list does not match this version of the summarizer (model has ${data.features.length} features, code ${FEATURE_NAMES.length})`,
      );
    }
    if (!Number.isFinite(data.bias) || !(data.redundancy >= 0)) throw new Error('bad bias or redundancy');
    const d = FEATURE_COUNT;
    if (data.hidden) {
      const units = data.hidden.bias.length;
      const mean = data.mean ?? [];
      const scale = data.scale ?? [];
      const linear = data.linear ?? new Array<number>(d).fill(0);
      if (
        linear.length !== d ||
        !finite(linear) ||
        units < 1 ||
        data.hidden.weights.length !== units * d ||
        data.weights.length !== units ||
        mean.length !== d ||
        scale.length !== d ||
        !finite(data.hidden.weights) ||
        !finite(data.hidden.bias) ||
        !finite(data.weights) ||
        !finite(mean) ||
        !scale.every((s) => Number.isFinite(s) && s > 0)
      ) {
        throw new Error('network weights do not match the feature list');
      }
      this.hiddenUnits = units;
      this.hiddenWeights = Float64Array.from(data.hidden.weights);
      this.hiddenBias = Float64Array.from(data.hidden.bias);
      this.linear = Float64Array.from(linear);
      this.mean = Float64Array.from(mean);
      this.invScale = Float64Array.from(scale, (s) => 1 / s);
    } else {
      if (data.weights.length !== d || !finite(data.weights)) {
        throw new Error('weights do not match the feature list');
      }
      this.hiddenUnits = 0;
      this.hiddenWeights = new Float64Array(0);
      this.hiddenBias = new Float64Array(0);
      this.linear = new Float64Array(d);
      this.mean = new Float64Array(d);
      this.invScale = new Float64Array(d).fill(1);
    }
    this.weights = Float64Array.from(data.weights);
    this.bias = data.bias;
    this.info = { name: data.name, version: data.version };
  }

  /** The logit of one feature row: `features[offset .. offset + FEATURE_COUNT)`. */
  logit(features: ArrayLike<number>, offset = 0): number {
    const d = FEATURE_COUNT;
    if (this.hiddenUnits === 0) {
      let z = this.bias;
      for (let f = 0; f < d; f++) z += this.weights[f]! * features[offset + f]!;
      return z;
    }
    const x = this.input;
    let z = this.bias;
    for (let f = 0; f < d; f++) {
      x[f] = (features[offset + f]! - this.mean[f]!) * this.invScale[f]!;
      z += this.linear[f]! * x[f]!;
    }
    for (let u = 0; u < this.hiddenUnits; u++) {
      let a = this.hiddenBias[u]!;
      const row = u * d;
      for (let f = 0; f < d; f++) a += this.hiddenWeights[row + f]! * x[f]!;
      z += this.weights[u]! * Math.tanh(a);
    }
    return z;
  }

  /** Parses and checks a model file's JSON text. */
  static fromJson(json: string): SummarizerModel {
    return new SummarizerModel(JSON.parse(json) as SummarizerModelData);
  }
}

const HEURISTIC_WEIGHTS: Readonly<Record<string, number>> = {
  lead: 2,
  second: 0.8,
  inv_position: 1,
  position: -0.8,
  centrality: 0.6,
  centroid: 2,
  title: 1.5,
  short: -1.5,
  keyword_density: 1,
  boilerplate: -4,
};

/**
 * Hand-set weights used when no trained model is given (tests, and a fallback): lead sentences,
 * centrality and title overlap up, very short sentences and page furniture down.
 */
export const HEURISTIC_SUMMARIZER = new SummarizerModel({
  format: 'textai-summarizer',
  name: 'textai-summarizer-heuristic',
  version: '1',
  features: [...FEATURE_NAMES],
  weights: FEATURE_NAMES.map((name) => HEURISTIC_WEIGHTS[name] ?? 0),
  bias: -1,
  redundancy: 2,
  meta: {},
});
