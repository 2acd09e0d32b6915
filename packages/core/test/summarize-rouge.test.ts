import { describe, expect, it } from 'vitest';
import { rouge, rougeTokens, RougeAccumulator } from '../src/eval/rouge.ts';

describe('ROUGE (rouge-score definition)', () => {
  it('lower-cases, splits on non-alphanumerics and stems tokens longer than three characters', () => {
    expect(rougeTokens('The Running DOGS, ran-fast!')).toEqual(['the', 'run', 'dog', 'ran', 'fast']);
  });

  it('ROUGE-1/2/L on a hand-computed pair', () => {
    const s = rouge(['the cat sat on the mat'], ['the cat was on the mat']);
    // unigrams: the×2, cat, on, mat match → 5 of 6 each side
    expect(s.rouge1.f1).toBeCloseTo(5 / 6, 10);
    // bigrams: "the cat", "on the", "the mat" → 3 of 5
    expect(s.rouge2.precision).toBeCloseTo(3 / 5, 10);
    expect(s.rouge2.f1).toBeCloseTo(3 / 5, 10);
    // LCS "the cat on the mat" = 5
    expect(s.rougeL.f1).toBeCloseTo(5 / 6, 10);
  });

  it('counts stemmed variants as matches', () => {
    expect(rouge(['running dogs'], ['run dog']).rouge1.f1).toBe(1);
  });

  it('ROUGE-L is summary-level: union LCS over candidate sentences (Lin 2004 example)', () => {
    const s = rouge(['aa bb ff gg hh', 'aa cc hh ii ee'], ['aa bb cc dd ee']);
    // union LCS of the reference sentence = aa bb cc ee → 4 hits; |ref| = 5, |cand| = 10
    expect(s.rougeL.recall).toBeCloseTo(4 / 5, 10);
    expect(s.rougeL.precision).toBeCloseTo(4 / 10, 10);
    expect(s.rougeL.f1).toBeCloseTo((2 * 0.8 * 0.4) / 1.2, 10);
  });

  it('clips repeated n-grams and scores empty input as zero', () => {
    expect(rouge(['the the the'], ['the cat']).rouge1.precision).toBeCloseTo(1 / 3, 10);
    expect(rouge([''], ['a reference']).rouge1.f1).toBe(0);
    expect(rouge(['a candidate'], []).rougeL.f1).toBe(0);
  });

  it('averages F1 × 100 over a set', () => {
    const acc = new RougeAccumulator();
    acc.add(rouge(['the cat'], ['the cat']));
    acc.add(rouge(['dog'], ['cat']));
    expect(acc.means()).toMatchObject({ n: 2, rouge1: 50 });
  });
});
