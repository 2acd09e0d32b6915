import type { SparseDataset } from './dataset.ts';

/**
 * Naive-Bayes feature scaling (Wang & Manning, 2012, "NBSVM"): each feature is multiplied by the
 * magnitude of its log-count ratio between two classes before the logistic regression is fitted,
 * so the penalty spends less on features that say nothing about polarity. The ratios are folded
 * into the weights afterwards, so inference reads plain features.
 */
export function nbRatios(data: SparseDataset, positive: number, negative: number, alpha = 1): Float64Array {
  const p = new Float64Array(data.features).fill(alpha);
  const q = new Float64Array(data.features).fill(alpha);
  for (let r = 0; r < data.rows; r++) {
    const label = data.labels[r];
    if (label !== positive && label !== negative) continue;
    const counts = label === positive ? p : q;
    for (let k = data.rowPtr[r]!; k < data.rowPtr[r + 1]!; k++) counts[data.cols[k]!] += data.weights[r]!;
  }
  let sumP = 0;
  let sumQ = 0;
  for (let i = 0; i < data.features; i++) {
    sumP += p[i]!;
    sumQ += q[i]!;
  }
  const ratios = new Float64Array(data.features);
  for (let i = 0; i < data.features; i++) ratios[i] = Math.abs(Math.log(p[i]! / sumP / (q[i]! / sumQ)));
  return ratios;
}

/** Multiplies every stored value by its column's ratio, in place. */
export function scaleColumns(data: SparseDataset, ratios: Float64Array): void {
  for (let k = 0; k < data.vals.length; k++) data.vals[k] = data.vals[k]! * ratios[data.cols[k]!]!;
}

/** Folds column ratios into weights laid out `[feature * classes + c]`, in place. */
export function foldRatios(weights: Float64Array, classes: number, ratios: Float64Array): void {
  for (let f = 0; f < ratios.length; f++) {
    for (let c = 0; c < classes; c++) weights[f * classes + c] = weights[f * classes + c]! * ratios[f]!;
  }
}
