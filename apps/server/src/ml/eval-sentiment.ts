import {
  classificationReport,
  expectedCalibrationError,
  LinearModel,
  type ClassificationReport,
  type LinearModelData,
} from '@textai/core';
import {
  NEGATIVE,
  NEUTRAL,
  POSITIVE,
  readAirlineTweets,
  readSst2,
  SENTIMENT_LABELS,
  type LabelledText,
} from './datasets/sentiment.ts';

export interface SentimentEvaluation {
  sst2_dev_binary: { n: number; accuracy: number; macro_f1: number; ece: number; confusion: number[][] };
  airline_heldout_3class: {
    n: number;
    accuracy: number;
    macro_f1: number;
    ece: number;
    confusion: number[][];
    per_class: ClassificationReport['perClass'];
  };
}

/** Binary view of a 3-class prediction: the more likely of positive and negative. */
export function binaryOf(p: Float64Array): { label: number; confidence: number } {
  const pos = p[POSITIVE]!;
  const neg = p[NEGATIVE]!;
  const confidence = Math.max(pos, neg) / (pos + neg);
  return { label: pos > neg ? POSITIVE : NEGATIVE, confidence };
}

export function evaluateBinary(
  model: LinearModel,
  items: LabelledText[],
): SentimentEvaluation['sst2_dev_binary'] {
  const truth: number[] = [];
  const predicted: number[] = [];
  const confidence: number[] = [];
  const p = new Float64Array(3);
  for (const item of items) {
    const b = binaryOf(model.predict(item.text, p));
    truth.push(item.label === POSITIVE ? 1 : 0);
    predicted.push(b.label === POSITIVE ? 1 : 0);
    confidence.push(b.confidence);
  }
  const report = classificationReport(truth, predicted, ['negative', 'positive']);
  const ece = expectedCalibrationError(
    confidence,
    truth.map((t, i) => t === predicted[i]),
  );
  return {
    n: report.n,
    accuracy: report.accuracy,
    macro_f1: report.macroF1,
    ece,
    confusion: report.confusion,
  };
}

export function evaluateThreeWay(
  model: LinearModel,
  items: LabelledText[],
): SentimentEvaluation['airline_heldout_3class'] {
  const truth: number[] = [];
  const predicted: number[] = [];
  const confidence: number[] = [];
  const p = new Float64Array(3);
  for (const item of items) {
    model.predict(item.text, p);
    let best = NEGATIVE;
    for (const c of [NEUTRAL, POSITIVE]) if (p[c]! > p[best]!) best = c;
    truth.push(item.label);
    predicted.push(best);
    confidence.push(p[best]!);
  }
  const report = classificationReport(truth, predicted, [...SENTIMENT_LABELS]);
  const ece = expectedCalibrationError(
    confidence,
    truth.map((t, i) => t === predicted[i]),
  );
  return {
    n: report.n,
    accuracy: report.accuracy,
    macro_f1: report.macroF1,
    ece,
    confusion: report.confusion,
    per_class: report.perClass,
  };
}

/** Held-out metrics of a sentiment model on the shared data: SST-2 dev (binary) and the airline test part. */
export async function evaluateSentiment(
  data: LinearModelData | LinearModel,
  dataDir: string,
): Promise<SentimentEvaluation> {
  const model = data instanceof LinearModel ? data : new LinearModel(data);
  return {
    sst2_dev_binary: evaluateBinary(model, readSst2(dataDir, 'dev')),
    airline_heldout_3class: evaluateThreeWay(model, readAirlineTweets(dataDir).test),
  };
}
