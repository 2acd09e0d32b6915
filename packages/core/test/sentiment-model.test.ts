import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeSentiment, AnalysisInputError } from '../src/index.ts';
import { loadSentimentModel } from '../src/models/index.ts';

// The shipped model on hand-written text of kinds it was not trained on (no dataset rows here).
const model = loadSentimentModel();
const fixture = (name: string): string[] =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');

describe('built-in sentiment model', () => {
  test('result shape: label, probabilities summing to one, model name and version', () => {
    const result = analyzeSentiment(model, 'I really enjoyed this.');
    expect(['POSITIVE', 'NEGATIVE', 'NEUTRAL']).toContain(result.label);
    const { positive, negative, neutral } = result.scores;
    expect(positive + negative + neutral).toBeCloseTo(1, 4);
    expect(result.score).toBe(Math.max(positive, negative, neutral));
    expect(result.model.name).toBe('textai-sentiment');
    expect(result.model.version).toMatch(/\S/);
  });

  test('clear polarity in reviews, tweets and everyday text', () => {
    const rows = fixture('sentiment-polar.tsv').map((line) => line.split('\t') as [string, string]);
    const wrong = rows.filter(([label, text]) => {
      const s = analyzeSentiment(model, text, { explain: false }).scores;
      return label === 'positive' ? s.positive <= s.negative : s.negative <= s.positive;
    });
    // 40 sentences; allow a few misses, not a coin toss.
    expect(wrong.map(([, text]) => text)).toHaveLength(Math.min(wrong.length, 4));
  });

  test('NEUTRAL means no opinion: facts, announcements, questions and news', () => {
    const texts = fixture('sentiment-neutral.txt');
    const neutral = texts.filter((t) => analyzeSentiment(model, t, { explain: false }).label === 'NEUTRAL');
    expect(neutral.length / texts.length).toBeGreaterThanOrEqual(0.75);
  });

  test('negation flips the verdict', () => {
    expect(analyzeSentiment(model, 'The movie was good.').label).toBe('POSITIVE');
    expect(analyzeSentiment(model, 'The movie was not good.').label).toBe('NEGATIVE');
    expect(analyzeSentiment(model, "I didn't like the food at all.").label).toBe('NEGATIVE');
    const notBad = analyzeSentiment(model, 'Honestly, not bad at all.').scores;
    expect(notBad.positive).toBeGreaterThan(notBad.negative);
  });

  test('contrast: the clause after "but" carries the verdict', () => {
    const a = analyzeSentiment(
      model,
      'The trailer looked promising, but the film itself was a dull, tedious mess.',
    );
    expect(a.scores.negative).toBeGreaterThan(a.scores.positive);
    const b = analyzeSentiment(model, 'It started slowly, but it turned into a moving and beautiful story.');
    expect(b.scores.positive).toBeGreaterThan(b.scores.negative);
  });

  test('explanations: offsets point at the text and weights add up to the raw score', () => {
    const text = "I loved the cast, but the script wasn't funny.";
    const result = analyzeSentiment(model, text);
    for (const t of result.explanation) expect(text.slice(t.start, t.end)).toBe(t.token);
    const sum = result.explanation.reduce((s, t) => s + t.weight, result.explanation_bias);
    expect(sum).toBeCloseTo(result.raw_score, 2);
    const top = [...result.explanation]
      .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
      .slice(0, 4)
      .map((t) => t.token);
    expect(top.some((t) => ['loved', 'funny', "n't", 'was'].includes(t))).toBe(true);
  });

  test('non-English text gets a NON_ENGLISH warning, English none', () => {
    expect(
      analyzeSentiment(model, 'Ce film était vraiment magnifique, je le recommande à tout le monde.')
        .warnings[0]?.code,
    ).toBe('NON_ENGLISH');
    expect(
      analyzeSentiment(model, 'This film was truly wonderful, I recommend it to everyone.').warnings,
    ).toEqual([]);
  });

  test('bad input: empty text and non-strings are rejected with a code', () => {
    expect(() => analyzeSentiment(model, '   ')).toThrow(AnalysisInputError);
    expect(() => analyzeSentiment(model, 42 as unknown as string)).toThrow(/must be a string/);
  });

  test('huge and odd input does not crash', () => {
    const long = 'The service was great and the view was lovely. '.repeat(2000);
    expect(analyzeSentiment(model, long).label).toBe('POSITIVE');
    expect(analyzeSentiment(model, '🙂🙂🙂').label).toBeDefined();
    expect(analyzeSentiment(model, '\u0000\u0001 ### 12345').label).toBeDefined();
  });
});
