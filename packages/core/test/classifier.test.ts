import { describe, expect, test } from 'vitest';
import {
  buildDataset,
  buildLexicon,
  DEFAULT_FEATURES,
  deserializeModel,
  fitTemperature,
  LinearModel,
  serializeModel,
  trainLogistic,
  type Example,
  type FeatureConfig,
  type LinearModelData,
} from '../src/index.ts';

const FEATURES: FeatureConfig = { ...DEFAULT_FEATURES, hashBits: 14, charNgrams: [3, 4] };

// A tiny synthetic task: reviews that praise or pan, with negation flipping the verdict.
const POSITIVE_WORDS = ['great', 'lovely', 'superb', 'charming', 'delightful'];
const NEGATIVE_WORDS = ['awful', 'dull', 'terrible', 'boring', 'clumsy'];
const NOUNS = ['film', 'plot', 'cast', 'score', 'ending'];

function syntheticExamples(): Example[] {
  const examples: Example[] = [];
  for (const noun of NOUNS) {
    for (const word of POSITIVE_WORDS) {
      examples.push({ text: `the ${noun} is ${word}`, label: 1 });
      examples.push({ text: `the ${noun} is not ${word}`, label: 0 });
    }
    for (const word of NEGATIVE_WORDS) {
      examples.push({ text: `the ${noun} is ${word}`, label: 0 });
      examples.push({ text: `the ${noun} is not ${word}`, label: 1 });
    }
  }
  return examples;
}

function trainTiny(
  lexicon = buildLexicon(
    [
      ['great', 3],
      ['awful', -3],
    ],
    4,
  ),
): LinearModel {
  const examples = syntheticExamples();
  const data = buildDataset(examples, FEATURES, lexicon);
  const trained = trainLogistic(data, { classes: 2, l2: 1e-3, maxIterations: 200, tolerance: 1e-9 });
  const weights = new Float32Array((1 << FEATURES.hashBits) * 2);
  data.featureIndex.forEach((hashed, id) => {
    weights[hashed * 2] = trained.weights[id * 2]!;
    weights[hashed * 2 + 1] = trained.weights[id * 2 + 1]!;
  });
  const model: LinearModelData = {
    name: 'tiny',
    version: '1',
    labels: ['neg', 'pos'],
    features: FEATURES,
    weights,
    bias: Float32Array.from(trained.bias),
    lexicon,
    router: null,
    meta: { note: 'test' },
  };
  return new LinearModel(model);
}

describe('linear classifier', () => {
  const model = trainTiny();

  test('learns the training set, negation included', () => {
    for (const example of syntheticExamples()) {
      const p = model.predict(example.text);
      expect(p[example.label]!).toBeGreaterThan(0.5);
    }
  });

  test('generalises to an unseen noun', () => {
    expect(model.predict('the dialogue is superb')[1]!).toBeGreaterThan(0.5);
    expect(model.predict('the dialogue is not superb')[0]!).toBeGreaterThan(0.5);
  });

  test('the cached fast path scores exactly like plain feature extraction', () => {
    const texts = [
      'the film is not great',
      'THE CAST is sooooo lovely!!',
      'unknown words only',
      'the film is not great',
      '',
    ];
    for (const text of texts) {
      const fast = model.scores(text);
      const reference = model.referenceScores(text);
      expect(fast[0]!).toBeCloseTo(reference[0]!, 6);
      expect(fast[1]!).toBeCloseTo(reference[1]!, 6);
    }
  });

  test('probabilities sum to one', () => {
    const p = model.predict('anything at all');
    expect(p[0]! + p[1]!).toBeCloseTo(1, 10);
  });

  test('explanations plus bias add up to the raw score (log-odds)', () => {
    for (const text of ['the film is not great', 'the cast is lovely and charming!', 'unknown words only']) {
      const z = model.scores(text);
      for (const target of [0, 1]) {
        const { contributions, bias, raw } = model.explain(text, target);
        const sum = contributions.reduce((s, c) => s + c.weight, bias);
        expect(sum).toBeCloseTo(raw, 5);
        expect(raw).toBeCloseTo(z[target]! - z[1 - target]!, 4);
      }
    }
  });

  test('the cached explanation equals the one from plain feature extraction', () => {
    for (const text of [
      'the film is not great',
      'THE CAST is sooooo lovely!!',
      'unknown words only',
      'x',
      '',
    ]) {
      for (const target of [0, 1]) {
        const fast = model.explain(text, target);
        const reference = model.referenceExplain(text, target);
        expect(fast.contributions.map((c) => [c.start, c.end])).toEqual(
          reference.contributions.map((c) => [c.start, c.end]),
        );
        fast.contributions.forEach((c, i) =>
          expect(c.weight).toBeCloseTo(reference.contributions[i]!.weight, 6),
        );
        expect(fast.bias).toBeCloseTo(reference.bias, 6);
        expect(fast.raw).toBeCloseTo(reference.raw, 6);
      }
    }
  });

  test('the explanation points at the words that decide', () => {
    const text = 'the plot is delightful';
    const { contributions } = model.explain(text, 1);
    const top = [...contributions].sort((a, b) => b.weight - a.weight)[0]!;
    expect(text.slice(top.start, top.end)).toBe('delightful');
  });

  test('serialisation round trip keeps predictions and metadata', () => {
    const bytes = serializeModel(model.data);
    const restored = new LinearModel(deserializeModel(bytes));
    expect(restored.data.name).toBe('tiny');
    expect(restored.data.meta).toEqual({ note: 'test' });
    expect(restored.data.lexicon?.size).toBe(2);
    // Loaded weight tables are shared memory, so worker threads get them without a copy.
    expect(restored.data.weights.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (const text of ['the film is great', 'the cast is not dull', 'x']) {
      const a = model.predict(text);
      const b = restored.predict(text);
      expect(b[1]!).toBeCloseTo(a[1]!, 3);
    }
  });

  test('rejects corrupt and truncated model files with a clear error', () => {
    const bytes = serializeModel(model.data);
    expect(() => deserializeModel(bytes.subarray(0, 40))).toThrow(/gzip|truncated/);
    expect(() => deserializeModel(new Uint8Array([1, 2, 3]))).toThrow(/not a TextAI model file/);
  });

  test('temperature scaling softens an over-confident model', () => {
    // Logits of ±4 that are right only 75% of the time call for T > 1.
    const logits = new Float64Array(400);
    const labels = new Int32Array(200);
    for (let i = 0; i < 200; i++) {
      logits[i * 2] = 4;
      logits[i * 2 + 1] = -4;
      labels[i] = i % 4 === 0 ? 1 : 0;
    }
    const t = fitTemperature(logits, labels, 2);
    const p = 1 / (1 + Math.exp(-8 / t));
    expect(p).toBeCloseTo(0.75, 2);
  });
});
