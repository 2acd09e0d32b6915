import { describe, expect, it } from 'vitest';
import { loadSummarizerModel } from '../src/models/summarizer.ts';
import { BUDGET_FEATURE, FEATURE_COUNT, FEATURE_NAMES, isBoilerplate } from '../src/summarize/features.ts';
import { SummarizerModel } from '../src/summarize/model.ts';
import { prepareDocument, sentenceLogits, setBudget } from '../src/summarize/summarize.ts';

// Written for these tests (not taken from any dataset).
const TEXT = `The harbour authority opened a new ferry terminal on Friday. It cost £40m and took three years to build. Passengers praised the larger waiting hall. The old terminal will become a museum. Officials expect traffic to double by 2030.`;

describe('summarizer model', () => {
  it('flags page furniture but not news sentences', () => {
    expect(isBoilerplate('By . Jane Smith .')).toBe(true);
    expect(isBoilerplate('PUBLISHED: . 10:02 EST, 3 March 2014 .')).toBe(true);
    expect(isBoilerplate('Scroll down for video .')).toBe(true);
    expect(isBoilerplate('CLICK HERE to read more about the case.')).toBe(true);
    expect(isBoilerplate('By Monday the council had approved the plan.')).toBe(false);
    expect(isBoilerplate('The minister said the figures were updated every week.')).toBe(false);
  });

  it('writes the budget features from the summary length', () => {
    const doc = prepareDocument(TEXT, undefined);
    expect(doc.spans).toHaveLength(5);
    setBudget(doc, 2);
    expect(doc.features[BUDGET_FEATURE]).toBeCloseTo(2 / 5);
    expect(doc.features[3 * FEATURE_COUNT + BUDGET_FEATURE + 1]).toBeCloseTo(3 / 2);
  });

  it('computes a network logit as standardise → tanh layer → output plus the linear part', () => {
    const d = FEATURE_COUNT;
    const model = new SummarizerModel({
      format: 'textai-summarizer',
      name: 'tiny',
      version: '1',
      features: [...FEATURE_NAMES],
      mean: new Array<number>(d).fill(1),
      scale: new Array<number>(d).fill(2),
      hidden: {
        weights: [...new Array<number>(d).fill(0.1), ...new Array<number>(d).fill(-0.2)],
        bias: [0.5, 0],
      },
      weights: [2, 1],
      linear: new Array<number>(d).fill(0.05),
      bias: -1,
      redundancy: 0,
      meta: {},
    });
    const row = Array.from({ length: d }, (_, f) => (f % 3) - 1);
    const x = row.map((v) => (v - 1) / 2);
    const sum = x.reduce((a, b) => a + b, 0);
    const expected = -1 + 0.05 * sum + 2 * Math.tanh(0.5 + 0.1 * sum) + Math.tanh(-0.2 * sum);
    expect(model.logit(row)).toBeCloseTo(expected, 10);
    expect(() => new SummarizerModel({ ...model.data, weights: [1] })).toThrow(/network weights/);
  });

  it('ships a trained network whose scores are deterministic', () => {
    const model = loadSummarizerModel();
    expect(model.hiddenUnits).toBeGreaterThan(0);
    const doc = prepareDocument(TEXT, 'New ferry terminal opens');
    const a = sentenceLogits(doc, model, 2);
    const b = sentenceLogits(prepareDocument(TEXT, 'New ferry terminal opens'), model, 2);
    expect([...a]).toEqual([...b]);
    expect(a.every(Number.isFinite)).toBe(true);
  });
});
