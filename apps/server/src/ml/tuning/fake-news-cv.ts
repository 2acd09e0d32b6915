import {
  buildDataset,
  tokenize,
  TokenBuffer,
  foldRatios,
  nbRatios,
  scaleColumns,
  scoreDataset,
  trainLogistic,
  type CompactWeights,
  type FeatureConfig,
  type SparseDataset,
} from '@textai/core';
import { FAKE, REAL, modelInput, type NewsItem } from '../datasets/fake-news.ts';
import { foldOf } from '../train-fake-news.ts';

/**
 * Cross-validation helpers for probing fake-news feature and routing variants on the TRAINING rows
 * only (the same hash-based folds as `textai train fake-news`). Features are extracted once per
 * variant; each fold then trains on a row subset with its own compact feature ids, as `fit` would.
 */

/** How repeated features of one document are counted before the unit-length normalisation. */
export type TermWeighting = 'raw' | 'log' | 'binary';

export interface Variant {
  features: FeatureConfig;
  weighting: TermWeighting;
  l2: number;
  nb: boolean;
}

/**
 * All rows' features, duplicates within a row merged and weighted as asked, then scaled to unit
 * length when the config normalises.
 */
export function extractAll(
  items: readonly NewsItem[],
  features: FeatureConfig,
  weighting: TermWeighting,
  label: (item: NewsItem) => number = (i) => i.label,
): SparseDataset {
  const examples = items.map((item) => ({ text: modelInput(item), label: label(item) }));
  // Raw counts: exactly what training reads today (repeats stay separate entries).
  if (weighting === 'raw') return buildDataset(examples, features, null);
  const raw = buildDataset(examples, { ...features, normalize: false }, null);
  const rowPtr = new Int32Array(raw.rows + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  // Per feature of the row: [summed value, value of one occurrence (charWeight for char n-grams)].
  const merged = new Map<number, [number, number]>();
  for (let r = 0; r < raw.rows; r++) {
    merged.clear();
    for (let k = raw.rowPtr[r]!; k < raw.rowPtr[r + 1]!; k++) {
      const col = raw.cols[k]!;
      const entry = merged.get(col);
      if (entry) entry[0] += raw.vals[k]!;
      else merged.set(col, [raw.vals[k]!, raw.vals[k]!]);
    }
    let sum = 0;
    const rowVals: number[] = [];
    for (const [col, [total, unit]] of merged) {
      const count = Math.round(total / unit);
      const v = weighting === 'log' ? unit * (1 + Math.log(count)) : unit;
      cols.push(col);
      rowVals.push(v);
      sum += v * v;
    }
    const scale = features.normalize && sum > 0 ? 1 / Math.sqrt(sum) : 1;
    for (const v of rowVals) vals.push(v * scale);
    rowPtr[r + 1] = cols.length;
  }
  return { ...raw, rowPtr, cols: Int32Array.from(cols), vals: Float32Array.from(vals) };
}

/**
 * Appends one document-level feature per row: the bucket floor(log2(tokens + 1)) of its length, at
 * `value` before the unit-length scaling (rows are re-normalised). Bag-of-n-gram vectors scaled to
 * unit length otherwise say little about how long a text is.
 */
export function withLengthBuckets(
  data: SparseDataset,
  items: readonly NewsItem[],
  value: number,
): SparseDataset {
  const tokens = new TokenBuffer();
  const base = data.features;
  const rowPtr = new Int32Array(data.rows + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  let buckets = 0;
  for (let r = 0; r < data.rows; r++) {
    const bucket = Math.floor(Math.log2(tokenize(modelInput(items[r]!), tokens) + 1));
    buckets = Math.max(buckets, bucket + 1);
    let sum = value * value;
    for (let k = data.rowPtr[r]!; k < data.rowPtr[r + 1]!; k++) sum += data.vals[k]! * data.vals[k]!;
    const scale = 1 / Math.sqrt(sum);
    for (let k = data.rowPtr[r]!; k < data.rowPtr[r + 1]!; k++) {
      cols.push(data.cols[k]!);
      vals.push(data.vals[k]! * scale);
    }
    cols.push(base + bucket);
    vals.push(value * scale);
    rowPtr[r + 1] = cols.length;
  }
  return {
    ...data,
    rowPtr,
    cols: Int32Array.from(cols),
    vals: Float32Array.from(vals),
    features: base + buckets,
  };
}

/** The rows `rows` of `data`, re-indexed to the features they contain (unless `ids` is given). */
export function subset(
  data: SparseDataset,
  rows: readonly number[],
  ids?: Map<number, number>,
): { data: SparseDataset; ids: Map<number, number> } {
  const own = ids ?? new Map<number, number>();
  const rowPtr = new Int32Array(rows.length + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  rows.forEach((r, i) => {
    for (let k = data.rowPtr[r]!; k < data.rowPtr[r + 1]!; k++) {
      const col = data.cols[k]!;
      let id = own.get(col);
      if (id === undefined) {
        if (ids) id = -1;
        else {
          id = own.size;
          own.set(col, id);
        }
      }
      cols.push(id);
      vals.push(data.vals[k]!);
    }
    rowPtr[i + 1] = cols.length;
  });
  return {
    data: {
      rows: rows.length,
      rowPtr,
      cols: Int32Array.from(cols),
      vals: Float32Array.from(vals),
      labels: Int32Array.from(rows, (r) => data.labels[r]!),
      weights: Float64Array.from(rows, (r) => data.weights[r]!),
      featureIndex: new Int32Array(own.size),
      features: ids ? ids.size : own.size,
    },
    ids: own,
  };
}

/** Fits on `train` (NB scaling between fake and real when asked); weights over its compact ids. */
export function fitCompact(
  train: SparseDataset,
  l2: number,
  nb: boolean,
  classes = 2,
  nbAlpha = 1,
): CompactWeights {
  const ratios = nb ? nbRatios(train, REAL, FAKE, nbAlpha) : null;
  if (ratios) scaleColumns(train, ratios);
  const weights = trainLogistic(train, { classes, l2, maxIterations: 500, tolerance: 1e-7 });
  if (ratios) foldRatios(weights.weights, classes, ratios);
  return weights;
}

/** Scores rows whose ids came from `subset(…, ids)`: unseen features (id -1) count for nothing. */
export function scoreSubset(valid: SparseDataset, weights: CompactWeights): Float64Array {
  const map = new Int32Array(valid.features);
  for (let i = 0; i < map.length; i++) map[i] = i;
  const cols = valid.cols;
  const keep = Int32Array.from(cols, (c) => (c < 0 ? 0 : c));
  const vals = Float32Array.from(valid.vals, (v, k) => (cols[k]! < 0 ? 0 : v));
  return scoreDataset({ ...valid, cols: keep, vals }, weights, map);
}

/** Out-of-fold logits (rows × classes) of a linear model over `data`'s rows. */
export function outOfFold(
  data: SparseDataset,
  items: readonly NewsItem[],
  folds: number,
  l2: number,
  nb: boolean,
  classes = 2,
  nbAlpha = 1,
  foldOfItem: (id: string) => number = (id) => foldOf(id, folds),
): Float64Array {
  const logits = new Float64Array(items.length * classes);
  for (let f = 0; f < folds; f++) {
    const trainRows: number[] = [];
    const validRows: number[] = [];
    items.forEach((item, i) => (foldOfItem(item.id) === f ? validRows : trainRows).push(i));
    const train = subset(data, trainRows);
    const weights = fitCompact(train.data, l2, nb, classes, nbAlpha);
    const scored = scoreSubset(subset(data, validRows, train.ids).data, weights);
    validRows.forEach((r, j) => {
      for (let c = 0; c < classes; c++) logits[r * classes + c] = scored[j * classes + c]!;
    });
  }
  return logits;
}

export function binaryAccuracy(items: readonly NewsItem[], logits: Float64Array): number {
  let correct = 0;
  items.forEach((item, i) => {
    if ((logits[i * 2 + 1]! > logits[i * 2]! ? REAL : FAKE) === item.label) correct++;
  });
  return items.length ? correct / items.length : 0;
}
