import { describe, expect, test } from 'vitest';
import { analyzeFakeNews, CREDIBILITY_SIGNAL_NAMES } from '../src/index.ts';
import { loadFakeNewsModel } from '../src/models/index.ts';

const model = loadFakeNewsModel();

describe('built-in fake-news model', () => {
  test('result shape', () => {
    const r = analyzeFakeNews(model, {
      text: 'The city council approved the budget on Tuesday, officials said.',
    });
    expect(['FAKE', 'REAL']).toContain(r.prediction);
    expect(r.analysis.fake_probability + r.analysis.real_probability).toBeCloseTo(1, 4);
    expect(r.confidence).toBe(Math.max(r.analysis.fake_probability, r.analysis.real_probability));
    expect(['high', 'medium', 'low']).toContain(r.confidence_band);
    expect(r.signals.map((s) => s.name)).toEqual([...CREDIBILITY_SIGNAL_NAMES]);
    expect(r.model.name).toBe('textai-fake-news');
  });

  test('sober attributed reporting leans REAL, sensational unsourced claims lean FAKE', () => {
    const sober = analyzeFakeNews(model, {
      title: 'Health ministry reports 1,204 new cases',
      text: 'The health ministry reported 1,204 new cases on Monday, according to its daily update. Testing capacity has increased to 40,000 samples per day, officials said.',
    });
    const shouty = analyzeFakeNews(model, {
      title: "SHOCKING: what they don't want you to know!!!",
      text: 'BREAKING!!! Drinking hot water with garlic CURES the virus in 24 hours, doctors are hiding the truth from you. Share before it gets deleted!!!',
    });
    expect(shouty.analysis.fake_probability).toBeGreaterThan(sober.analysis.fake_probability);
    expect(shouty.prediction).toBe('FAKE');
    expect(sober.prediction).toBe('REAL');
  });

  test('explanation offsets are per field and weights add up to the raw score', () => {
    const input = {
      title: 'Miracle cure found',
      text: 'Scientists say a miracle cure has been found, sources claim.',
    };
    const r = analyzeFakeNews(model, input);
    for (const t of r.explanation) {
      const source = t.field === 'title' ? input.title : input.text;
      expect(source.slice(t.start, t.end)).toBe(t.token);
    }
    const sum = r.explanation.reduce((s, t) => s + t.weight, r.explanation_bias);
    expect(sum).toBeCloseTo(r.raw_score, 2);
  });

  test('the cached fast path (router and experts) scores like plain feature extraction', () => {
    const texts = [
      'Says the governor cut taxes.',
      '@WHO reports 5 new cases https://t.co/x',
      'Says the governor cut taxes.',
      'BREAKING!!! miracle cure',
    ];
    for (const text of texts) {
      const fast = model.linear.scores(text);
      const reference = model.linear.referenceScores(text);
      expect(fast[0]!).toBeCloseTo(reference[0]!, 5);
      expect(fast[1]!).toBeCloseTo(reference[1]!, 5);
    }
  });

  test('the cached explanation (router and experts) equals the one from plain feature extraction', () => {
    const texts = [
      'Says the governor cut taxes.',
      '@WHO reports 5 new cases https://t.co/x #COVID19',
      "BREAKING!!! miracle cure doesn't work",
      'Says the governor cut taxes.',
    ];
    for (const text of texts) {
      for (const target of [0, 1]) {
        const fast = model.linear.explain(text, target);
        const reference = model.linear.referenceExplain(text, target);
        expect(fast.contributions.length).toBe(reference.contributions.length);
        fast.contributions.forEach((c, i) => {
          expect([c.start, c.end]).toEqual([
            reference.contributions[i]!.start,
            reference.contributions[i]!.end,
          ]);
          expect(c.weight).toBeCloseTo(reference.contributions[i]!.weight, 5);
        });
        expect(fast.bias).toBeCloseTo(reference.bias, 5);
        expect(fast.raw).toBeCloseTo(reference.raw, 5);
      }
    }
  });

  test('confidence bands follow the calibrated probability', () => {
    const r = analyzeFakeNews(model, { text: 'Says the governor cut the education budget by 40 percent.' });
    const expected = r.confidence >= 0.8 ? 'high' : r.confidence >= 0.65 ? 'medium' : 'low';
    expect(r.confidence_band).toBe(expected);
  });

  test('bad input is rejected; long articles work', () => {
    expect(() => analyzeFakeNews(model, { text: '' })).toThrow(/empty/);
    const article = 'The committee met on Tuesday and discussed the report in detail. '.repeat(1500);
    expect(analyzeFakeNews(model, { text: article }).prediction).toMatch(/FAKE|REAL/);
  });
});
