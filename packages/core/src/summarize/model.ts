import type { ModelInfo } from '../types.ts';
import { FEATURE_NAMES } from './features.ts';

/**
 * The summarizer's sentence scorer: a logistic model over the sentence features of features.ts,
 * trained on the BBC News Summary extractive references (`textai train summarize`), plus the
 * redundancy penalty of the MMR selection. Stored as a small JSON file.
 */
export interface SummarizerModelData {
  format: 'textai-summarizer';
  name: string;
  version: string;
  /** Feature names, in the order of `weights`; must equal FEATURE_NAMES. */
  features: string[];
  weights: number[];
  bias: number;
  /** MMR penalty: logit units subtracted per unit of cosine similarity to a chosen sentence. */
  redundancy: number;
  meta: Record<string, unknown>;
}

export class SummarizerModel {
  readonly info: ModelInfo;
  readonly weights: Float64Array;

  constructor(readonly data: SummarizerModelData) {
    if (data.format !== 'textai-summarizer') throw new Error('not a textai-summarizer model');
    if (data.features.join(',') !== FEATURE_NAMES.join(',')) {
      throw new Error(
        `feature list does not match this version of the summarizer (model has ${data.features.length} features, code ${FEATURE_NAMES.length})`,
      );
    }
    if (data.weights.length !== data.features.length || !data.weights.every(Number.isFinite)) {
      throw new Error('weights do not match the feature list');
    }
    if (!Number.isFinite(data.bias) || !(data.redundancy >= 0)) throw new Error('bad bias or redundancy');
    this.weights = Float64Array.from(data.weights);
    this.info = { name: data.name, version: data.version };
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
};

/**
 * Hand-set weights used when no trained model is given (tests, and a fallback): lead sentences,
 * centrality and title overlap up, very short sentences down.
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
