import { dataFile, readCsvObjects, readTsvNoQuotes, unitHash } from './read.ts';

/** Sentiment classes in model order. */
export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export const NEGATIVE = 0;
export const NEUTRAL = 1;
export const POSITIVE = 2;

export interface LabelledText {
  id: string;
  text: string;
  label: number;
  /** Training weight (default 1). */
  weight?: number;
}

/**
 * Undoes SST's Penn Treebank escapes so its text looks like what users type. Token splits such as
 * "do n't" are left alone: the tokenizer splits users' "don't" the same way.
 */
export function fromPtb(text: string): string {
  return text
    .replace(/-lrb-/g, '(')
    .replace(/-rrb-/g, ')')
    .replace(/-lsb-/g, '[')
    .replace(/-rsb-/g, ']')
    .replace(/``|''/g, '"')
    .replace(/\\\//g, '/');
}

export function readSst2(dataDir: string, split: 'train' | 'dev'): LabelledText[] {
  const rows = readTsvNoQuotes(dataFile(dataDir, 'sst2', `${split}.tsv`), { header: true });
  return rows.map((row, i) => ({
    id: `sst2-${split}-${i}`,
    text: fromPtb(row[1] ?? ''),
    label: row[0] === '1' ? POSITIVE : NEGATIVE,
  }));
}

/** Fraction of the airline tweets held out for evaluation, fixed by tweet id. */
export const AIRLINE_TEST_SHARE = 0.2;

/**
 * The airline tweets, de-duplicated by text, split by a hash of the tweet id. The @airline handle
 * that starts almost every tweet is kept (the tokenizer maps every mention to one token), so the
 * model cannot learn airline names as sentiment.
 */
export function readAirlineTweets(dataDir: string): { train: LabelledText[]; test: LabelledText[] } {
  const rows = readCsvObjects(dataFile(dataDir, 'twitter-airline-sentiment', 'Tweets.csv'));
  const seen = new Set<string>();
  const train: LabelledText[] = [];
  const test: LabelledText[] = [];
  const labelOf: Record<string, number> = { negative: NEGATIVE, neutral: NEUTRAL, positive: POSITIVE };
  for (const row of rows) {
    const text = (row.text ?? '').trim();
    const label = labelOf[row.airline_sentiment ?? ''];
    if (!text || label === undefined || seen.has(text)) continue;
    seen.add(text);
    const item = { id: `airline-${row.tweet_id}`, text, label };
    (unitHash(item.id) < AIRLINE_TEST_SHARE ? test : train).push(item);
  }
  return { train, test };
}
