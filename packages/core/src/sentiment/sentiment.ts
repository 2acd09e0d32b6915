import { argmax, explainTokens, rawScore, roundProbability } from '../classifier/explain.ts';
import { softmaxInPlace, type LinearModel } from '../classifier/model.ts';
import { languageWarnings } from '../text/language.ts';
import { requireText } from '../text/validate.ts';
import type { ModelInfo, SentimentLabel, SentimentResult } from '../types.ts';

/** Class order of the built-in sentiment model file. */
const LABELS: readonly SentimentLabel[] = ['NEGATIVE', 'NEUTRAL', 'POSITIVE'];

export interface AnalyzeOptions {
  /** Per-token explanation (default true). Off for the fastest batch path. */
  explain?: boolean;
  /** Language check that adds a NON_ENGLISH warning (default true). */
  detectLanguage?: boolean;
}

/** A loaded sentiment model: three classes, negative / neutral / positive. */
export class SentimentModel {
  readonly info: ModelInfo;
  private readonly probabilities = new Float64Array(3);

  constructor(readonly linear: LinearModel) {
    const labels = linear.data.labels.join(',');
    if (labels !== 'negative,neutral,positive') {
      throw new Error(`${linear.data.name} is not a sentiment model (labels: ${labels})`);
    }
    this.info = { name: linear.data.name, version: linear.data.version };
  }

  /** Probabilities [negative, neutral, positive] without building a result object (batch fast path). */
  probabilitiesOf(text: string): Float64Array {
    return this.linear.predict(text, this.probabilities);
  }
}

export function analyzeSentiment(
  model: SentimentModel,
  input: string,
  options: AnalyzeOptions = {},
): SentimentResult {
  const text = requireText(input);
  const logits = model.linear.scores(text, new Float64Array(3));
  const target = argmax(logits);
  const raw = rawScore(logits, target);
  const p = Float64Array.from(logits);
  softmaxInPlace(p);
  const explained = options.explain === false ? null : explainTokens(model.linear, text, target);
  return {
    label: LABELS[target]!,
    score: roundProbability(p[target]!),
    scores: {
      positive: roundProbability(p[2]!),
      negative: roundProbability(p[0]!),
      neutral: roundProbability(p[1]!),
    },
    explanation: explained?.explanation ?? [],
    raw_score: Math.round(raw * 1e4) / 1e4,
    explanation_bias: explained?.bias ?? 0,
    model: model.info,
    warnings: options.detectLanguage === false ? [] : languageWarnings(text),
  };
}
