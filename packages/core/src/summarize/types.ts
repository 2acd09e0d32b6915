import type { ModelInfo, ResultWarning } from '../types.ts';

/** One sentence of the summary; `start`/`end` are UTF-16 offsets into the input text. */
export interface SummarySentence {
  /** 0-based position of the sentence among the input's sentences. */
  index: number;
  start: number;
  end: number;
  text: string;
  /** The scorer's probability that the sentence belongs in a summary (0..1). */
  score: number;
}

export interface SummaryKeyword {
  term: string;
  /** Relative weight, 1 for the top keyword. */
  score: number;
}

/** The result of `summarize`, as DESIGN.md's `POST /summarize` (the server adds processing_time_ms). */
export interface SummaryResult {
  /** The chosen sentences in text order, joined by a space. */
  summary: string;
  sentences: SummarySentence[];
  keywords: SummaryKeyword[];
  /** Words in the input. */
  original_length: number;
  /** Words in the summary. */
  summary_length: number;
  /** summary_length / original_length. */
  compression_ratio: number;
  model: ModelInfo;
  warnings: ResultWarning[];
}

/** Length options; at most one of `sentences`, `ratio`, `max_length` (with `min_length`). */
export interface SummarizeLengthOptions {
  /** Exactly this many sentences (fewer if the text has fewer). */
  sentences?: number;
  /** Summary words as a share of the input's words, 0 < ratio ≤ 1. */
  ratio?: number;
  /** At most this many words (default 130, as the replaced system). */
  max_length?: number;
  /** At least this many words when the text has them (default 30). */
  min_length?: number;
}
