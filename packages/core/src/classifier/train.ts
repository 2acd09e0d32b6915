import type { SparseDataset } from './dataset.ts';
import { minimizeLbfgs } from './lbfgs.ts';

/**
 * Multinomial logistic regression with an L2 penalty, fitted by L-BFGS on the full batch. Full
 * batch makes training deterministic (same data, same model) and the penalty exact, which matters
 * when the penalty is chosen by cross-validation.
 */
export interface TrainOptions {
  classes: number;
  /** L2 penalty strength on the weights (the bias is not penalised). */
  l2: number;
  maxIterations?: number;
  tolerance?: number;
  log?: (message: string) => void;
}

/** Weights over the dataset's compact feature ids: `weights[id * classes + c]`, plus biases. */
export interface CompactWeights {
  weights: Float64Array;
  bias: Float64Array;
  classes: number;
}

export function trainLogistic(data: SparseDataset, options: TrainOptions): CompactWeights {
  const C = options.classes;
  const F = data.features;
  const dim = F * C + C;
  let totalWeight = 0;
  for (let r = 0; r < data.rows; r++) totalWeight += data.weights[r]!;
  const z = new Float64Array(C);
  const { rowPtr, cols, vals, labels, weights } = data;
  const l2 = options.l2;

  const objective = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    const biasOffset = F * C;
    for (let r = 0; r < data.rows; r++) {
      const from = rowPtr[r]!;
      const to = rowPtr[r + 1]!;
      for (let c = 0; c < C; c++) z[c] = theta[biasOffset + c]!;
      for (let k = from; k < to; k++) {
        const base = cols[k]! * C;
        const v = vals[k]!;
        for (let c = 0; c < C; c++) z[c] += v * theta[base + c]!;
      }
      let max = -Infinity;
      for (let c = 0; c < C; c++) if (z[c]! > max) max = z[c]!;
      let sum = 0;
      for (let c = 0; c < C; c++) {
        z[c] = Math.exp(z[c]! - max);
        sum += z[c]!;
      }
      const w = weights[r]! / totalWeight;
      const y = labels[r]!;
      loss -= w * Math.log(Math.max(z[y]! / sum, 1e-300));
      // z becomes the gradient of the loss with respect to the logits: p - onehot(y).
      for (let c = 0; c < C; c++) z[c] = w * (z[c]! / sum - (c === y ? 1 : 0));
      for (let c = 0; c < C; c++) grad[biasOffset + c] += z[c]!;
      for (let k = from; k < to; k++) {
        const base = cols[k]! * C;
        const v = vals[k]!;
        for (let c = 0; c < C; c++) grad[base + c] += v * z[c]!;
      }
    }
    let penalty = 0;
    for (let i = 0; i < biasOffset; i++) {
      const t = theta[i]!;
      penalty += t * t;
      grad[i] += l2 * t;
    }
    return loss + 0.5 * l2 * penalty;
  };

  const theta = minimizeLbfgs(objective, new Float64Array(dim), {
    maxIterations: options.maxIterations ?? 300,
    tolerance: options.tolerance ?? 1e-6,
    log: options.log,
  });
  return { weights: theta.subarray(0, F * C), bias: theta.subarray(F * C), classes: C };
}

/** Raw class scores of every row of `data` under `model` (rows × classes). */
export function scoreDataset(
  data: SparseDataset,
  model: CompactWeights,
  featureMap?: Int32Array,
): Float64Array {
  const C = model.classes;
  const out = new Float64Array(data.rows * C);
  for (let r = 0; r < data.rows; r++) {
    for (let c = 0; c < C; c++) out[r * C + c] = model.bias[c]!;
    for (let k = data.rowPtr[r]!; k < data.rowPtr[r + 1]!; k++) {
      // A feature unseen in training has no weight; featureMap maps this dataset's ids to the model's.
      const id = featureMap ? featureMap[data.cols[k]!]! : data.cols[k]!;
      if (id < 0) continue;
      const base = id * C;
      const v = data.vals[k]!;
      for (let c = 0; c < C; c++) out[r * C + c] += v * model.weights[base + c]!;
    }
  }
  return out;
}
