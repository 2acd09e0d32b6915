/** Shapes shared by every analyser in core. The server and CLI add `processing_time_ms`. */

/** A caveat attached to a result, e.g. `NON_ENGLISH` when the input is not in the model's language. */
export interface ResultWarning {
  code: string;
  message: string;
}

/** Name and version of the model that produced a result; history and results carry it. */
export interface ModelInfo {
  name: string;
  version: string;
}

/**
 * One token's share of the model's raw score for the predicted label. `start`/`end` are UTF-16
 * offsets into the caller's text, so `text.slice(start, end) === token`.
 */
export interface TokenContribution {
  token: string;
  start: number;
  end: number;
  weight: number;
  /** Which input field the offsets refer to, for analysers with several (fake-news: title or text). */
  field?: 'title' | 'text';
}

export type SentimentLabel = 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL';

export interface SentimentResult {
  label: SentimentLabel;
  /** Probability of the winning label. */
  score: number;
  scores: { positive: number; negative: number; neutral: number };
  explanation: TokenContribution[];
  /**
   * The model's raw score for the winning label (its logit minus the mean of the others); the
   * explanation's weights plus `explanation_bias` add up to it.
   */
  raw_score: number;
  explanation_bias: number;
  model: ModelInfo;
  warnings: ResultWarning[];
}

export type FakeNewsLabel = 'FAKE' | 'REAL';
export type ConfidenceBand = 'high' | 'medium' | 'low';

export interface CredibilitySignal {
  /** Stable snake_case name, e.g. `exclamation_runs`. */
  name: string;
  /** The measured value (a count or a ratio, as the description says). */
  value: number;
  /** One line a reader understands: what was measured and why it matters. */
  description: string;
}

export interface FakeNewsResult {
  prediction: FakeNewsLabel;
  confidence: number;
  confidence_band: ConfidenceBand;
  analysis: { fake_probability: number; real_probability: number };
  signals: CredibilitySignal[];
  explanation: TokenContribution[];
  /** Log-odds of the prediction; the explanation's weights plus `explanation_bias` add up to it. */
  raw_score: number;
  explanation_bias: number;
  model: ModelInfo;
  warnings: ResultWarning[];
}

/** An error an analyser raises for input it cannot process (a 4xx, or a per-row error in batch work). */
export class AnalysisInputError extends Error {
  constructor(
    readonly code: 'VALIDATION_ERROR' | 'PAYLOAD_TOO_LARGE' | 'EMPTY_TEXT',
    message: string,
  ) {
    super(message);
    this.name = 'AnalysisInputError';
  }
}
