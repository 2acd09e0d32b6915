import {
  DefaultTextParser,
  NullLogger,
  AbsoluteSummarizerConfig,
  SorensenDiceSimilarity,
  Summarizer,
  Text,
  type Sentence,
  type TextParser,
} from 'ts-textrank';

/**
 * The TextRank baseline: the published `ts-textrank` package (MIT; Mihalcea & Tarau 2004 with
 * Sørensen–Dice sentence similarity and stop words removed) fed with our sentence split, so that
 * the comparison is between scorers, not splitters. Its own parser breaks at every "." followed by
 * a non-word character ("U.S. officials") and drops the final punctuation.
 */
interface SentenceBuilder {
  buildSentence(raw: string, language: string, position: number): Sentence;
}

class PresplitParser implements TextParser {
  sentences: string[] = [];
  private readonly inner = new DefaultTextParser() as unknown as SentenceBuilder;

  parse(text: string, language: string): Text {
    return new Text(
      text,
      this.sentences.map((s, i) => this.inner.buildSentence(s, language, i + 1)),
    );
  }
}

/** Indices of the `count` sentences ts-textrank ranks highest, in text order. */
export function textRankSelect(sentences: readonly string[], count: number): number[] {
  if (sentences.length <= count) return sentences.map((_, i) => i);
  const parser = new PresplitParser();
  parser.sentences = [...sentences];
  const config = new AbsoluteSummarizerConfig(
    count,
    new SorensenDiceSimilarity(),
    parser,
    0.85,
    Summarizer.SORT_OCCURENCE,
  );
  const summarizer = new Summarizer(config, new NullLogger());
  const chosen = summarizer.summarize(sentences.join(' '), 'en');
  const used = new Set<number>();
  const indices: number[] = [];
  for (const raw of chosen) {
    const i = sentences.findIndex((s, k) => s === raw && !used.has(k));
    if (i >= 0) {
      used.add(i);
      indices.push(i);
    }
  }
  return indices.sort((a, b) => a - b);
}

/** ts-textrank on raw text with its own splitter (what a user of the package gets; for the benchmark). */
export function textRankRaw(text: string, count: number): string[] {
  const config = new AbsoluteSummarizerConfig(
    count,
    new SorensenDiceSimilarity(),
    new DefaultTextParser(),
    0.85,
    Summarizer.SORT_OCCURENCE,
  );
  return new Summarizer(config, new NullLogger()).summarize(text, 'en');
}
