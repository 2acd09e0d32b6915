import { extractFeatures, FeatureBuffer, type FeatureConfig } from './features.ts';
import type { Lexicon } from './lexicon.ts';

/** A labelled training example; `weight` lets a small class or a small corpus count more. */
export interface Example {
  text: string;
  label: number;
  weight?: number;
}

/**
 * Documents as a sparse matrix in compressed-row form. Hashed feature indices are remapped to a
 * dense range of the features actually seen, so the optimiser works on vectors the size of the
 * vocabulary, not of the whole hash table.
 */
export interface SparseDataset {
  rows: number;
  rowPtr: Int32Array;
  cols: Int32Array;
  vals: Float32Array;
  labels: Int32Array;
  weights: Float64Array;
  /** Compact feature id → hashed table index. */
  featureIndex: Int32Array;
  features: number;
}

export function buildDataset(
  examples: readonly Example[],
  config: FeatureConfig,
  lexicon: Lexicon | null,
  featureIds: Map<number, number> = new Map(),
): SparseDataset {
  const buffer = new FeatureBuffer();
  const rowPtr = new Int32Array(examples.length + 1);
  let cols = new Int32Array(examples.length * 64);
  let vals = new Float32Array(examples.length * 64);
  let nnz = 0;
  const labels = new Int32Array(examples.length);
  const weights = new Float64Array(examples.length);
  for (let r = 0; r < examples.length; r++) {
    const example = examples[r]!;
    const n = extractFeatures(example.text, config, lexicon, buffer);
    if (nnz + n > cols.length) {
      const size = Math.max(cols.length * 2, nnz + n * 2);
      const c2 = new Int32Array(size);
      c2.set(cols);
      cols = c2;
      const v2 = new Float32Array(size);
      v2.set(vals);
      vals = v2;
    }
    for (let k = 0; k < n; k++) {
      const hashed = buffer.index[k]!;
      let id = featureIds.get(hashed);
      if (id === undefined) {
        id = featureIds.size;
        featureIds.set(hashed, id);
      }
      cols[nnz] = id;
      vals[nnz] = buffer.value[k]!;
      nnz++;
    }
    rowPtr[r + 1] = nnz;
    labels[r] = example.label;
    weights[r] = example.weight ?? 1;
  }
  const featureIndex = new Int32Array(featureIds.size);
  for (const [hashed, id] of featureIds) featureIndex[id] = hashed;
  return {
    rows: examples.length,
    rowPtr,
    cols: cols.subarray(0, nnz),
    vals: vals.subarray(0, nnz),
    labels,
    weights,
    featureIndex,
    features: featureIds.size,
  };
}
