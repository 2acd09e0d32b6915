import { readFileSync } from 'node:fs';
import { fitTemperature } from '@textai/core';
import { minimizeLbfgs } from '../../../../../packages/core/src/classifier/lbfgs.ts';
import { foldOf } from '../train-fake-news.ts';

/**
 * Gating rules for the fake-news mixture, judged on the out-of-fold logits that
 * fake-news-mixture-oof.ts writes (TRAINING rows only). Prints per-corpus accuracy (LIAR,
 * CONSTRAINT, AMT, Celebrity, then pooled) for: each row's own expert (perfect routing), the
 * trained router's logit mixture with sharpness κ and a CONSTRAINT shift δ, a hard gate, a
 * probability mixture, a confidence-weighted mixture (share ∝ P(corpus) · |expert log-odds|^ρ), and
 * a gate whose κ, δ, expert scales and biases are fitted to the mixture's log-loss (nested 5-fold).
 *
 *   npx tsx apps/server/src/ml/tuning/fake-news-gating.ts OOF.json
 */
interface Oof {
  ids: string[];
  labels: number[];
  corpus: number[];
  experts: number[][];
  routers: { bits: number; l2: number; logits: number[] }[];
}
const oof = JSON.parse(readFileSync(process.argv[2] ?? 'fake-news-oof.json', 'utf8')) as Oof;
const N = oof.labels.length;
const D = 4;
const fold = oof.ids.map((id) => foldOf(id, 5));
/** Expert d's log-odds (real over fake) for row i, before its temperature. */
const e = (d: number, i: number): number => oof.experts[d]![i * 2 + 1]! - oof.experts[d]![i * 2]!;
const temps = [0, 1, 2, 3].map((d) => {
  const rows = oof.corpus.map((c, i) => (c === d ? i : -1)).filter((i) => i >= 0);
  const l = new Float64Array(rows.length * 2);
  rows.forEach((row, j) => {
    l[j * 2] = oof.experts[d]![row * 2]!;
    l[j * 2 + 1] = oof.experts[d]![row * 2 + 1]!;
  });
  return fitTemperature(
    l,
    Int32Array.from(rows, (x) => oof.labels[x]!),
    2,
  );
});
console.log('temperatures', temps.map((t) => t.toFixed(2)).join(' '));

function accuracy(predict: (i: number) => number, rows: readonly number[] = [...Array(N).keys()]): number[] {
  const right = [0, 0, 0, 0];
  const n = [0, 0, 0, 0];
  for (const i of rows) {
    n[oof.corpus[i]!]++;
    if (predict(i) === oof.labels[i]) right[oof.corpus[i]!]++;
  }
  return right.map((r, d) => r / n[d]!).concat([right.reduce((a, b) => a + b) / rows.length]);
}
const fmt = (a: number[]): string => a.map((x) => x.toFixed(4)).join('  ');
console.log(`own expert           ${fmt(accuracy((i) => (e(oof.corpus[i]!, i) > 0 ? 1 : 0)))}`);

const share = new Float64Array(D);
const scores = new Float64Array(D);
for (const router of oof.routers) {
  const route = (i: number, kappa: number, delta: number): Float64Array => {
    let max = -Infinity;
    for (let d = 0; d < D; d++) {
      share[d] = kappa * router.logits[i * D + d]! + (d === 1 ? delta : 0);
      max = Math.max(max, share[d]!);
    }
    let sum = 0;
    for (let d = 0; d < D; d++) {
      share[d] = Math.exp(share[d]! - max);
      sum += share[d]!;
    }
    for (let d = 0; d < D; d++) share[d] = share[d]! / sum;
    return share;
  };
  const best = (p: Float64Array): number => {
    let b = 0;
    for (let d = 1; d < D; d++) if (p[d]! > p[b]!) b = d;
    return b;
  };
  let routed = 0;
  for (let i = 0; i < N; i++) if (best(route(i, 1, 0)) === oof.corpus[i]) routed++;
  console.log(`router ${router.bits} bits, l2 ${router.l2}: routing accuracy ${(routed / N).toFixed(4)}`);
  for (const [kappa, delta] of [
    [1, 0],
    [1, 1],
    [2, 0],
    [0.75, 0],
  ] as const) {
    const mixed = accuracy((i) => {
      const p = route(i, kappa, delta);
      let z = 0;
      for (let d = 0; d < D; d++) z += (p[d]! * e(d, i)) / temps[d]!;
      return z > 0 ? 1 : 0;
    });
    console.log(`  logit mix κ ${kappa} δ ${delta}   ${fmt(mixed)}`);
  }
  console.log(`  hard gate            ${fmt(accuracy((i) => (e(best(route(i, 1, 0)), i) > 0 ? 1 : 0)))}`);
  const probabilityMix = accuracy((i) => {
    const p = route(i, 1, 0);
    let q = 0;
    for (let d = 0; d < D; d++) q += p[d]! / (1 + Math.exp(-e(d, i) / temps[d]!));
    return q > 0.5 ? 1 : 0;
  });
  console.log(`  probability mix      ${fmt(probabilityMix)}`);
  for (const rho of [0.1, 0.2, 0.25, 0.3, 0.4, 1]) {
    const confident = accuracy((i) => {
      const p = route(i, 1, 0);
      let total = 0;
      for (let d = 0; d < D; d++) {
        scores[d] = e(d, i) / temps[d]!;
        share[d] = p[d]! * Math.abs(scores[d]!) ** rho;
        total += share[d]!;
      }
      let z = 0;
      for (let d = 0; d < D; d++) z += (share[d]! / total) * scores[d]!;
      return z > 0 ? 1 : 0;
    });
    console.log(`  confidence ρ ${rho}     ${fmt(confident)}`);
  }
  console.log(`  fitted linear gate   ${fmt(nestedFittedGate(router.logits))}`);
}

/**
 * Mixture log-odds Σ_d p_d (α_d e_d + β_d) with p = softmax(κ r + δ): the family a model file can
 * hold without code changes (κ and δ fold into the router, α and β into each expert). θ = [log κ,
 * δ_constraint, δ_amt, δ_celebrity, α_0..3, β_0..3], fitted to the log-loss of the rows given.
 */
function nestedFittedGate(routerLogits: number[]): number[] {
  const p = new Float64Array(D);
  const s = new Float64Array(D);
  const mix = (theta: Float64Array, i: number): number => {
    const kappa = Math.exp(theta[0]!);
    let max = -Infinity;
    for (let d = 0; d < D; d++) {
      p[d] = kappa * routerLogits[i * D + d]! + (d > 0 ? theta[d]! : 0);
      max = Math.max(max, p[d]!);
    }
    let sum = 0;
    for (let d = 0; d < D; d++) {
      p[d] = Math.exp(p[d]! - max);
      sum += p[d]!;
    }
    let z = 0;
    for (let d = 0; d < D; d++) {
      p[d] = p[d]! / sum;
      s[d] = theta[4 + d]! * e(d, i) + theta[8 + d]!;
      z += p[d]! * s[d]!;
    }
    return z;
  };
  const init = Float64Array.from([0, 0, 0, 0, ...temps.map((t) => 1 / t), 0, 0, 0, 0]);
  const fitGate = (rows: number[]): Float64Array =>
    minimizeLbfgs(
      (theta, grad) => {
        grad.fill(0);
        let loss = 0;
        const kappa = Math.exp(theta[0]!);
        for (const i of rows) {
          const z = mix(theta, i);
          const y = oof.labels[i]!;
          const q = 1 / (1 + Math.exp(-z));
          loss -= y ? Math.log(Math.max(q, 1e-300)) : Math.log(Math.max(1 - q, 1e-300));
          const g = q - y;
          let dKappa = 0;
          for (let d = 0; d < D; d++) {
            const du = p[d]! * (s[d]! - z);
            if (d > 0) grad[d] += g * du;
            dKappa += du * routerLogits[i * D + d]!;
            grad[4 + d] += g * p[d]! * e(d, i);
            grad[8 + d] += g * p[d]!;
          }
          grad[0] += g * dKappa * kappa;
        }
        for (let k = 0; k < grad.length; k++) grad[k] = grad[k]! / rows.length;
        return loss / rows.length;
      },
      init,
      { maxIterations: 200, tolerance: 1e-10 },
    );
  const predictions = new Int8Array(N);
  const all = [...Array(N).keys()];
  for (let f = 0; f < 5; f++) {
    const theta = fitGate(all.filter((i) => fold[i] !== f));
    for (const i of all) if (fold[i] === f) predictions[i] = mix(theta, i) > 0 ? 1 : 0;
  }
  return accuracy((i) => predictions[i]!);
}
