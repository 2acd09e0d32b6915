import { dataFile, readJsonl, readTsvNoQuotes, unitHash } from './read.ts';

/**
 * Opinion-free sentences of other kinds than tweets, so that the sentiment model's NEUTRAL class
 * means "no opinion" rather than "looks like an airline tweet": O*NET task statements (plain
 * descriptions of work; CC BY 4.0) and sentences from BBC news articles that carry no word of
 * the polarity lexicon (reported facts).
 */
export function readOnetTasks(dataDir: string, limit: number): string[] {
  const rows = readTsvNoQuotes(dataFile(dataDir, 'onet-29.2', 'Task Statements.txt'), { header: true });
  return pick(
    rows.map((r) => r[2] ?? '').filter((t) => t.length > 20),
    limit,
    'onet',
  );
}

export function readNewsSentences(
  dataDir: string,
  limit: number,
  isPolar: (sentence: string) => boolean,
): string[] {
  const rows = readJsonl<{ id: string; article: string }>(
    dataFile(dataDir, 'bbc-news-summary', 'bbc_news_summary.jsonl'),
  );
  const sentences: string[] = [];
  for (const row of rows) {
    // Skip each article's first paragraph (the headline-like lead), keep plain report sentences.
    const body = row.article.split(/\n\n/).slice(1).join(' ');
    for (const s of body.split(/(?<=[.!?])\s+(?=[A-Z"])/)) {
      const sentence = s.trim();
      if (sentence.length < 30 || sentence.length > 240 || sentence.includes('"')) continue;
      if (!isPolar(sentence)) sentences.push(sentence);
    }
  }
  return pick(sentences, limit, 'bbc');
}

/** A fixed pseudo-random sample (by content hash), so training is reproducible. */
function pick(items: string[], limit: number, salt: string): string[] {
  return [...new Set(items)]
    .map((text) => ({ text, key: unitHash(`${salt}:${text}`) }))
    .sort((a, b) => a.key - b.key)
    .slice(0, limit)
    .map((x) => x.text);
}
