import type { LabelledText } from '../datasets/sentiment.ts';
import { unitHash } from '../datasets/read.ts';

/**
 * SST-2's training split holds every phrase of each training sentence, so a random
 * cross-validation split would put a sentence's phrases on both sides and reward memorising.
 * This builds folds by sentence instead: validation rows are maximal phrases (sentences, in
 * practice), and every phrase of four or more tokens that occurs inside a validation sentence is
 * dropped from that fold's training rows.
 */
export function sstSentenceFolds(
  rows: readonly LabelledText[],
  folds: number,
  minTokens = 10,
): { train: LabelledText[]; valid: LabelledText[] }[] {
  const tokens = rows.map((r) => r.text.split(' '));
  // Every contiguous sub-sequence of length >= minTokens that is not the whole phrase.
  const inner = new Set<string>();
  for (const t of tokens) {
    if (t.length <= minTokens) continue;
    for (let i = 0; i < t.length; i++) {
      for (let j = i + minTokens; j <= t.length; j++) {
        if (i === 0 && j === t.length) continue;
        inner.add(t.slice(i, j).join(' '));
      }
    }
  }
  const roots: number[] = [];
  rows.forEach((r, i) => {
    if (tokens[i]!.length >= minTokens && !inner.has(r.text)) roots.push(i);
  });
  const result: { train: LabelledText[]; valid: LabelledText[] }[] = [];
  for (let f = 0; f < folds; f++) {
    const validIdx = roots.filter((i) => Math.floor(unitHash(rows[i]!.id + ':fold') * folds) === f);
    const contained = new Set<string>();
    for (const i of validIdx) {
      const t = tokens[i]!;
      for (let a = 0; a < t.length; a++)
        for (let b = a + 4; b <= t.length; b++) contained.add(t.slice(a, b).join(' '));
    }
    const validSet = new Set(validIdx);
    result.push({
      valid: validIdx.map((i) => rows[i]!),
      train: rows.filter((r, i) => !validSet.has(i) && !contained.has(r.text)),
    });
  }
  return result;
}
