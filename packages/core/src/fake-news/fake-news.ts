import { argmax, explainTokens, rawScore, roundProbability } from '../classifier/explain.ts';
import { softmaxInPlace, type LinearModel } from '../classifier/model.ts';
import { languageWarnings } from '../text/language.ts';
import { requireText } from '../text/validate.ts';
import type { ConfidenceBand, FakeNewsResult, ModelInfo } from '../types.ts';
import { computeCredibilitySignals } from './signals.ts';

export interface FakeNewsInput {
  text: string;
  title?: string;
}

export interface FakeNewsOptions {
  explain?: boolean;
  detectLanguage?: boolean;
  /** Credibility signals (default true). */
  signals?: boolean;
}

/**
 * Bands over the calibrated probability of the predicted label. With calibrated probabilities a
 * "high" prediction is right about as often as its confidence says.
 */
export function confidenceBand(confidence: number): ConfidenceBand {
  if (confidence >= 0.8) return 'high';
  if (confidence >= 0.65) return 'medium';
  return 'low';
}

/** The text the model reads: the title (if any) on its own line, then the body — as in training. */
export function fakeNewsModelInput(input: FakeNewsInput): string {
  const title = input.title;
  return title && title.trim() ? `${title}\n${input.text}` : input.text;
}

/** A loaded fake-news model: two classes, fake / real. */
export class FakeNewsModel {
  readonly info: ModelInfo;
  private readonly probabilities = new Float64Array(2);

  constructor(readonly linear: LinearModel) {
    const labels = linear.data.labels.join(',');
    if (labels !== 'fake,real')
      throw new Error(`${linear.data.name} is not a fake-news model (labels: ${labels})`);
    this.info = { name: linear.data.name, version: linear.data.version };
  }

  /** Probabilities [fake, real] without building a result object (batch fast path). */
  probabilitiesOf(input: FakeNewsInput): Float64Array {
    return this.linear.predict(fakeNewsModelInput(input), this.probabilities);
  }
}

export function analyzeFakeNews(
  model: FakeNewsModel,
  input: FakeNewsInput,
  options: FakeNewsOptions = {},
): FakeNewsResult {
  const text = requireText(input.text);
  if (input.title !== undefined && typeof input.title !== 'string') {
    requireText(input.title, 'title');
  }
  const modelText = fakeNewsModelInput({ text, title: input.title });
  const logits = model.linear.scores(modelText, new Float64Array(2));
  const target = argmax(logits);
  const raw = rawScore(logits, target);
  const p = Float64Array.from(logits);
  softmaxInPlace(p);
  const explained = options.explain === false ? null : explainTokens(model.linear, modelText, target);
  // Offsets are reported per field: title tokens against the title, the rest against the text.
  const bodyStart = modelText.length - text.length;
  const explanation = (explained?.explanation ?? []).map((t) =>
    t.start < bodyStart
      ? { ...t, field: 'title' as const }
      : { ...t, start: t.start - bodyStart, end: t.end - bodyStart, field: 'text' as const },
  );
  const confidence = p[target]!;
  return {
    prediction: target === 0 ? 'FAKE' : 'REAL',
    confidence: roundProbability(confidence),
    confidence_band: confidenceBand(confidence),
    analysis: { fake_probability: roundProbability(p[0]!), real_probability: roundProbability(p[1]!) },
    signals: options.signals === false ? [] : computeCredibilitySignals(text, input.title),
    explanation,
    raw_score: Math.round(raw * 1e4) / 1e4,
    explanation_bias: explained?.bias ?? 0,
    model: model.info,
    warnings: options.detectLanguage === false ? [] : languageWarnings(modelText),
  };
}
