import { readFileSync } from 'node:fs';
import { minimizeLbfgs } from '../../../../../packages/core/src/classifier/lbfgs.ts';
import { foldOf, FAKE_NEWS_FEATURES } from '../train-fake-news.ts';
import { readAmtCelebrity, readConstraint, readLiar } from '../datasets/fake-news.ts';
import { extractAll, subset } from './fake-news-cv.ts';
import type { SparseDataset } from '@textai/core';

/**
 * A router trained to name the corpus AND to make the mixture right: loss = cross-entropy of the
 * corpus + λ · log-loss of the mixture's fake/real verdict, with the experts' out-of-fold log-odds
 * (from fake-news-mixture-oof.ts, temperatures of the shipped model) held fixed. 5-fold CV on the
 * TRAINING rows; λ 0 is the plain router.
 *
 *   npx tsx apps/server/src/ml/tuning/fake-news-label-gate.ts OOF.json 0,1 1e-5 16 DATA_DIR
 */
interface Oof {
  ids: string[];
  labels: number[];
  corpus: number[];
  experts: number[][];
}
const oof = JSON.parse(readFileSync(process.argv[2] ?? 'fake-news-oof.json', 'utf8')) as Oof;
const lambdas = (process.argv[3] ?? '0,1').split(',').map(Number);
const l2 = Number(process.argv[4] ?? 1e-5);
const bits = Number(process.argv[5] ?? 16);
const dataDir = process.argv[6] ?? '../shared/datasets';
const DOMAINS = ['liar', 'constraint', 'amt', 'celebrity'] as const;
const items = [
  ...readLiar(dataDir, 'train'),
  ...readConstraint(dataDir, 'train'),
  ...readAmtCelebrity(dataDir),
];
if (items.some((it, i) => it.id !== oof.ids[i]))
  throw new Error('the OOF file lists other rows than the datasets');
const T = [0.99, 1.1, 8.05, 1.13];
const N = items.length,
  D = 4;
const s = Float64Array.from({ length: N * D }, (_, k) => {
  const i = Math.floor(k / D),
    d = k % D;
  return (oof.experts[d]![i * 2 + 1]! - oof.experts[d]![i * 2]!) / T[d]!;
});
const data = extractAll(items, { ...FAKE_NEWS_FEATURES, hashBits: bits }, 'raw', (it) =>
  DOMAINS.indexOf(it.corpus),
);
const fold = items.map((it) => foldOf(it.id, 5));

function train(ds: SparseDataset, rows: number[], lambda: number): Float64Array {
  const F = ds.features;
  const u = new Float64Array(D),
    g = new Float64Array(D);
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    const n = ds.rows;
    for (let r = 0; r < n; r++) {
      const i = rows[r]!;
      for (let d = 0; d < D; d++) u[d] = theta[F * D + d]!;
      for (let k = ds.rowPtr[r]!; k < ds.rowPtr[r + 1]!; k++) {
        const b = ds.cols[k]! * D,
          v = ds.vals[k]!;
        for (let d = 0; d < D; d++) u[d] += v * theta[b + d]!;
      }
      let max = -Infinity;
      for (let d = 0; d < D; d++) max = Math.max(max, u[d]!);
      let sum = 0;
      for (let d = 0; d < D; d++) {
        u[d] = Math.exp(u[d]! - max);
        sum += u[d]!;
      }
      let z = 0;
      for (let d = 0; d < D; d++) {
        u[d] = u[d]! / sum;
        z += u[d]! * s[i * D + d]!;
      }
      const c = ds.labels[r]!,
        y = oof.labels[i]!;
      const q = 1 / (1 + Math.exp(-z));
      loss -=
        Math.log(Math.max(u[c]!, 1e-300)) +
        lambda * (y ? Math.log(Math.max(q, 1e-300)) : Math.log(Math.max(1 - q, 1e-300)));
      for (let d = 0; d < D; d++)
        g[d] = (u[d]! - (d === c ? 1 : 0) + lambda * (q - y) * u[d]! * (s[i * D + d]! - z)) / n;
      for (let d = 0; d < D; d++) grad[F * D + d] += g[d]!;
      for (let k = ds.rowPtr[r]!; k < ds.rowPtr[r + 1]!; k++) {
        const b = ds.cols[k]! * D,
          v = ds.vals[k]!;
        for (let d = 0; d < D; d++) grad[b + d] += v * g[d]!;
      }
    }
    loss /= n;
    let pen = 0;
    for (let k = 0; k < F * D; k++) {
      pen += theta[k]! * theta[k]!;
      grad[k] += l2 * theta[k]!;
    }
    return loss + 0.5 * l2 * pen;
  };
  return minimizeLbfgs(objective, new Float64Array(F * D + D), { maxIterations: 500, tolerance: 1e-7 });
}
for (const lambda of lambdas) {
  const right = [0, 0, 0, 0],
    n = [0, 0, 0, 0];
  let routed = 0;
  for (let f = 0; f < 5; f++) {
    const trainRows = [...Array(N).keys()].filter((i) => fold[i] !== f);
    const validRows = [...Array(N).keys()].filter((i) => fold[i] === f);
    const tr = subset(data, trainRows);
    const theta = train(tr.data, trainRows, lambda);
    const va = subset(data, validRows, tr.ids).data;
    const F = tr.data.features;
    for (let r = 0; r < va.rows; r++) {
      const i = validRows[r]!;
      const u = new Float64Array(D);
      for (let d = 0; d < D; d++) u[d] = theta[F * D + d]!;
      for (let k = va.rowPtr[r]!; k < va.rowPtr[r + 1]!; k++) {
        const c = va.cols[k]!;
        if (c < 0) continue;
        for (let d = 0; d < D; d++) u[d] += va.vals[k]! * theta[c * D + d]!;
      }
      let max = -Infinity;
      for (let d = 0; d < D; d++) max = Math.max(max, u[d]!);
      let sum = 0;
      for (let d = 0; d < D; d++) {
        u[d] = Math.exp(u[d]! - max);
        sum += u[d]!;
      }
      let z = 0,
        best = 0;
      for (let d = 0; d < D; d++) {
        z += (u[d]! / sum) * s[i * D + d]!;
        if (u[d]! > u[best]!) best = d;
      }
      if (best === oof.corpus[i]) routed++;
      n[oof.corpus[i]!]++;
      if ((z > 0 ? 1 : 0) === oof.labels[i]) right[oof.corpus[i]!]++;
    }
  }
  console.log(
    `λ ${lambda} l2 ${l2} bits ${bits}: ${right.map((x, d) => (x / n[d]!).toFixed(4)).join(' ')} pooled ${(right.reduce((a, b) => a + b) / N).toFixed(4)} routing ${(routed / N).toFixed(4)}`,
  );
}
