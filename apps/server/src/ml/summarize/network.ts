import { FEATURE_COUNT, type PreparedDocument } from '@textai/core/summarize';

/**
 * The trainer of the summarizer's sentence scorer: a network with one tanh hidden layer over the
 * standardised sentence features (plus direct linear weights from the features to the output), fitted with a pairwise ranking loss within each document (every
 * summary sentence should score above every other sentence of the same document: RankNet's
 * logistic loss, averaged over the document's pairs so that each document weighs the same), by
 * Adam, one document per step. Deterministic: the initial weights and the document order come
 * from a seeded generator. Afterwards a one-dimensional logistic fit (Platt scaling) of the
 * labels on the output turns it into a probability; it is folded into the output layer.
 */

export interface RankingDocument {
  doc: PreparedDocument;
  /** 1 for a sentence that belongs in the summary. */
  labels: Uint8Array;
  /** Relative weight of the document in the loss. */
  weight: number;
}

export interface NetworkOptions {
  hidden: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_NETWORK: NetworkOptions = {
  hidden: 16,
  epochs: 8,
  learningRate: 0.0005,
  l2: 1e-4,
  seed: 1,
};

export interface Network {
  mean: number[];
  scale: number[];
  hidden: { weights: number[]; bias: number[] };
  weights: number[];
  /** Direct (skip) weights from the standardised features to the output. */
  linear: number[];
  bias: number;
}

/** mulberry32: a small seeded generator of uniform numbers in [0, 1). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Scores of a document's sentences under the network, with the hidden activations kept for backprop. */
function forward(
  x: Float64Array,
  n: number,
  w1: Float64Array,
  b1: Float64Array,
  w2: Float64Array,
  wl: Float64Array,
  units: number,
  activations: Float64Array,
  scores: Float64Array,
): void {
  const d = FEATURE_COUNT;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = 0; f < d; f++) s += wl[f]! * x[i * d + f]!;
    for (let u = 0; u < units; u++) {
      let a = b1[u]!;
      const row = u * d;
      for (let f = 0; f < d; f++) a += w1[row + f]! * x[i * d + f]!;
      const h = Math.tanh(a);
      activations[i * units + u] = h;
      s += w2[u]! * h;
    }
    scores[i] = s;
  }
}

export function fitNetwork(
  items: readonly RankingDocument[],
  options: NetworkOptions = DEFAULT_NETWORK,
): Network {
  const d = FEATURE_COUNT;
  const units = options.hidden;
  // Standardisation over all training sentences.
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  let rows = 0;
  for (const { doc } of items) {
    for (let i = 0; i < doc.spans.length; i++) {
      rows++;
      for (let f = 0; f < d; f++) {
        const v = doc.features[i * d + f]!;
        mean[f]! += v;
        sq[f]! += v * v;
      }
    }
  }
  const scale = new Float64Array(d);
  for (let f = 0; f < d; f++) {
    mean[f]! /= Math.max(1, rows);
    const sd = Math.sqrt(Math.max(sq[f]! / Math.max(1, rows) - mean[f]! * mean[f]!, 0));
    scale[f] = sd > 1e-9 ? sd : 1;
  }
  const inputs = items.map(({ doc }) => {
    const n = doc.spans.length;
    const x = new Float64Array(n * d);
    for (let i = 0; i < n * d; i++) x[i] = (doc.features[i]! - mean[i % d]!) / scale[i % d]!;
    return x;
  });

  const random = generator(options.seed);
  const w1 = Float64Array.from({ length: units * d }, () => 0.3 * gaussian(random));
  const b1 = new Float64Array(units);
  const w2 = Float64Array.from({ length: units }, () => 0.3 * gaussian(random));
  const wl = new Float64Array(d);
  const params = [w1, b1, w2, wl];
  const m = params.map((p) => new Float64Array(p.length));
  const v = params.map((p) => new Float64Array(p.length));
  const grads = params.map((p) => new Float64Array(p.length));
  const maxN = items.reduce((a, it) => Math.max(a, it.doc.spans.length), 1);
  const activations = new Float64Array(maxN * units);
  const scores = new Float64Array(maxN);
  const gScore = new Float64Array(maxN);
  const gHidden = new Float64Array(units);
  const order = items.map((_, i) => i);
  const beta1 = 0.9;
  const beta2 = 0.999;
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      const item = items[index]!;
      const labels = item.labels;
      const n = labels.length;
      const grade = labels;
      let pairs = 0;
      for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) if (grade[p]! > grade[q]!) pairs++;
      if (pairs === 0) continue;
      const x = inputs[index]!;
      forward(x, n, w1, b1, w2, wl, units, activations, scores);
      // d loss / d score, loss = mean over pairs of log(1 + exp(-(s_p - s_q))).
      gScore.fill(0, 0, n);
      const pairScale = item.weight / pairs;
      for (let p = 0; p < n; p++) {
        const gp = grade[p]!;
        if (gp === 0) continue;
        for (let q = 0; q < n; q++) {
          if (grade[q]! >= gp) continue;
          const g = -pairScale / (1 + Math.exp(scores[p]! - scores[q]!));
          gScore[p]! += g;
          gScore[q]! -= g;
        }
      }
      const [gw1, gb1, gw2, gwl] = grads as [Float64Array, Float64Array, Float64Array, Float64Array];
      for (let f = 0; f < d; f++) gwl[f] = options.l2 * wl[f]!;
      for (let k = 0; k < gw1.length; k++) gw1[k] = options.l2 * w1[k]!;
      gb1.fill(0);
      for (let u = 0; u < units; u++) gw2[u] = options.l2 * w2[u]!;
      for (let i = 0; i < n; i++) {
        const gs = gScore[i]!;
        if (gs === 0) continue;
        for (let f = 0; f < d; f++) gwl[f]! += gs * x[i * d + f]!;
        for (let u = 0; u < units; u++) {
          const h = activations[i * units + u]!;
          gw2[u]! += gs * h;
          gHidden[u] = gs * w2[u]! * (1 - h * h);
        }
        for (let u = 0; u < units; u++) {
          const gh = gHidden[u]!;
          gb1[u]! += gh;
          const row = u * d;
          for (let f = 0; f < d; f++) gw1[row + f]! += gh * x[i * d + f]!;
        }
      }
      step++;
      const c1 = 1 - beta1 ** step;
      const c2 = 1 - beta2 ** step;
      for (let k = 0; k < params.length; k++) {
        const p = params[k]!;
        const g = grads[k]!;
        const mk = m[k]!;
        const vk = v[k]!;
        for (let e = 0; e < p.length; e++) {
          mk[e] = beta1 * mk[e]! + (1 - beta1) * g[e]!;
          vk[e] = beta2 * vk[e]! + (1 - beta2) * g[e]! * g[e]!;
          p[e]! -= (options.learningRate * (mk[e]! / c1)) / (Math.sqrt(vk[e]! / c2) + 1e-8);
        }
      }
    }
  }

  // Platt scaling: P(label) = sigmoid(a * score + b), by Newton's method on all training sentences.
  const allScores: number[] = [];
  const allLabels: number[] = [];
  items.forEach((item, index) => {
    const n = item.labels.length;
    forward(inputs[index]!, n, w1, b1, w2, wl, units, activations, scores);
    for (let i = 0; i < n; i++) {
      allScores.push(scores[i]!);
      allLabels.push(item.labels[i]!);
    }
  });
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 50; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < allScores.length; i++) {
      const s = allScores[i]!;
      const q = 1 / (1 + Math.exp(-(a * s + b)));
      const g = q - allLabels[i]!;
      const h = q * (1 - q);
      ga += g * s;
      gb += g;
      haa += h * s * s;
      hab += h * s;
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return {
    mean: [...mean],
    scale: [...scale],
    hidden: { weights: [...w1], bias: [...b1] },
    weights: [...w2].map((w) => w * a),
    linear: [...wl].map((w) => w * a),
    bias: b,
  };
}
