import { describe, expect, it } from 'vitest';
import { fakeNewsClassOf, labelScores, sentimentClassOf } from '../../src/neural/labels.ts';
import { fakeNewsInput } from '../../src/neural/tasks.ts';

describe('neural labels and inputs in the API’s terms', () => {
  it('maps sentiment labels by name, and LABEL_n by the usual class order', () => {
    expect(sentimentClassOf('POSITIVE', 2)).toBe('positive');
    expect(sentimentClassOf('negative', 3)).toBe('negative');
    expect(sentimentClassOf('Neutral', 3)).toBe('neutral');
    expect(sentimentClassOf('LABEL_1', 2)).toBe('positive');
    expect(sentimentClassOf('LABEL_1', 3)).toBe('neutral');
    expect(sentimentClassOf('LABEL_2', 3)).toBe('positive');
    expect(sentimentClassOf('joy', 6)).toBeUndefined();
  });

  it('maps fake-news labels, including the original model’s FAKE/TRUE', () => {
    expect(fakeNewsClassOf('FAKE')).toBe('FAKE');
    expect(fakeNewsClassOf('TRUE')).toBe('REAL');
    expect(fakeNewsClassOf('Real')).toBe('REAL');
    expect(fakeNewsClassOf('LABEL_0')).toBe('FAKE');
    expect(fakeNewsClassOf('LABEL_1')).toBe('REAL');
    expect(fakeNewsClassOf('satire')).toBeUndefined();
  });

  it('gives hamzab/roberta-fake-news-classification its card’s input template, others title and text', () => {
    const fields = { title: 'Budget approved', text: 'The council approved it.' };
    expect(fakeNewsInput('hamzab/roberta-fake-news-classification', fields)).toBe(
      '<title> Budget approved <content> The council approved it. <end>',
    );
    expect(fakeNewsInput('someone/other-model', fields)).toBe('Budget approved. The council approved it.');
    expect(fakeNewsInput('someone/other-model', { text: 'Only text.' })).toBe('Only text.');
  });

  it('refuses a classifier output that is not a list of labels with scores', () => {
    expect(labelScores([{ label: 'A', score: 0.5 }])).toEqual([{ label: 'A', score: 0.5 }]);
    expect(() => labelScores([{ label: 'A' }])).toThrow(/unexpected output/);
  });
});
