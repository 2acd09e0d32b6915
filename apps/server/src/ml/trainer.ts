import {
  buildDataset,
  foldRatios,
  nbRatios,
  scaleColumns,
  scoreDataset,
  trainLogistic,
  type CompactWeights,
  type Example,
  type FeatureConfig,
  type Lexicon,
  type SparseDataset,
} from '@textai/core';

/**
 * Model fitting shared by the training commands: cross-validation for the penalty, temperature
 * calibration on out-of-fold predictions, and the final fit expanded into a hashed weight table.
 */
export interface Fold {
  train: Example[];
  valid: Example[];
}

export interface FitSettings {
  features: FeatureConfig;
  lexicon: Lexicon | null;
  classes: number;
  l2: number;
  /**
   * Naive-Bayes feature scaling between these two classes, or null for plain features; `alpha` is
   * the count smoothing of the log-count ratios (default 1).
   */
  nb: { positive: number; negative: number; alpha?: number } | null;
  log: (message: string) => void;
}

export interface FittedTable {
  weights: CompactWeights;
  featureIndex: Int32Array;
}

export function fit(examples: Example[], settings: FitSettings): FittedTable {
  const data = buildDataset(examples, settings.features, settings.lexicon);
  settings.log(`  fitting ${data.rows} rows, ${data.features} features, l2=${settings.l2}`);
  const ratios = settings.nb
    ? nbRatios(data, settings.nb.positive, settings.nb.negative, settings.nb.alpha ?? 1)
    : null;
  if (ratios) scaleColumns(data, ratios);
  const weights = trainLogistic(data, {
    classes: settings.classes,
    l2: settings.l2,
    maxIterations: 500,
    tolerance: 1e-7,
  });
  if (ratios) foldRatios(weights.weights, settings.classes, ratios);
  return { weights, featureIndex: data.featureIndex };
}

/** Scores `examples` with a fitted table (features unseen in training contribute nothing). */
export function scoreExamples(
  examples: Example[],
  table: FittedTable,
  settings: FitSettings,
): { data: SparseDataset; logits: Float64Array } {
  const ids = new Map<number, number>();
  table.featureIndex.forEach((hashed, id) => ids.set(hashed, id));
  const known = ids.size;
  const data = buildDataset(examples, settings.features, settings.lexicon, ids);
  const map = new Int32Array(data.features);
  for (let i = 0; i < map.length; i++) map[i] = i < known ? i : -1;
  return { data, logits: scoreDataset(data, table.weights, map) };
}

/** Out-of-fold logits for every validation row of every fold, in fold order. */
export function crossValidate(
  folds: Fold[],
  settings: FitSettings,
): { logits: Float64Array; labels: Int32Array; examples: Example[] } {
  const parts: Float64Array[] = [];
  const labels: number[] = [];
  const examples: Example[] = [];
  folds.forEach((fold, i) => {
    settings.log(` fold ${i + 1}/${folds.length}`);
    const table = fit(fold.train, settings);
    parts.push(scoreExamples(fold.valid, table, settings).logits);
    for (const e of fold.valid) {
      labels.push(e.label);
      examples.push(e);
    }
  });
  const logits = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    logits.set(p, offset);
    offset += p.length;
  }
  return { logits, labels: Int32Array.from(labels), examples };
}

/** Expands a fitted table into the dense hashed table of a model file, dividing by the temperature. */
export function toHashedTable(
  table: FittedTable,
  hashBits: number,
  temperature: number,
): { weights: Float32Array; bias: Float32Array } {
  const C = table.weights.classes;
  const weights = new Float32Array((1 << hashBits) * C);
  table.featureIndex.forEach((hashed, id) => {
    for (let c = 0; c < C; c++) weights[hashed * C + c] += table.weights.weights[id * C + c]! / temperature;
  });
  const bias = Float32Array.from(table.weights.bias, (b) => b / temperature);
  return { weights, bias };
}
