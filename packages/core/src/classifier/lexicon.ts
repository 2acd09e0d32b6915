import { tokenHash } from '../text/tokenize.ts';

/**
 * A polarity lexicon keyed by token hash: a lookup per token, no string building. Valences are
 * scaled to -1..1. Lexicon features let a model score words it rarely saw in training.
 */
export type Lexicon = Map<number, number>;

/** Builds a lexicon from `[word, valence]` pairs; multi-token entries are skipped. */
export function buildLexicon(entries: Iterable<readonly [string, number]>, scale = 1): Lexicon {
  const lexicon: Lexicon = new Map();
  for (const [word, valence] of entries) {
    if (/\s/.test(word)) continue;
    lexicon.set(tokenHash(word), valence / scale);
  }
  return lexicon;
}
