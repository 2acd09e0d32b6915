import { LinearModel, type LinearModelData } from '@textai/core';
import { NEGATIVE, POSITIVE, readAirlineTweets, readSst2, SENTIMENT_LABELS } from './datasets/sentiment.ts';
import { metricsJson, scorePredictions, type Predictions } from './metrics.ts';

export const BINARY_LABELS = ['negative', 'positive'];

/** Binary view of a 3-class prediction: the more likely of positive and negative. */
export function binaryOf(p: Float64Array): { label: number; confidence: number } {
  const pos = p[POSITIVE]!;
  const neg = p[NEGATIVE]!;
  const confidence = Math.max(pos, neg) / (pos + neg);
  return { label: pos > neg ? POSITIVE : NEGATIVE, confidence };
}

/**
 * One pass of a sentiment model over labelled texts: the 3-class predictions, and the binary
 * ones (neutral folded away) for the rows whose label is positive or negative.
 */
export function predictSentiment(
  model: LinearModel,
  items: readonly { text: string; label: number }[],
): { threeWay: Predictions; binary: Predictions } {
  const threeWay: Predictions = { truth: [], predicted: [], confidence: [] };
  const binary: Predictions = { truth: [], predicted: [], confidence: [] };
  const p = new Float64Array(3);
  for (const item of items) {
    model.predict(item.text, p);
    let best = 0;
    for (let c = 1; c < 3; c++) if (p[c]! > p[best]!) best = c;
    threeWay.truth.push(item.label);
    threeWay.predicted.push(best);
    threeWay.confidence.push(p[best]!);
    if (item.label === POSITIVE || item.label === NEGATIVE) {
      const b = binaryOf(p);
      binary.truth.push(item.label === POSITIVE ? 1 : 0);
      binary.predicted.push(b.label === POSITIVE ? 1 : 0);
      binary.confidence.push(b.confidence);
    }
  }
  return { threeWay, binary };
}

/** Held-out metrics of a sentiment model on the shared data: SST-2 dev (binary) and the airline test part. */
export function evaluateSentiment(
  data: LinearModelData | LinearModel,
  dataDir: string,
): {
  sst2_dev_binary: ReturnType<typeof metricsJson>;
  airline_heldout_3class: ReturnType<typeof metricsJson>;
} {
  const model = data instanceof LinearModel ? data : new LinearModel(data);
  const sst = predictSentiment(model, readSst2(dataDir, 'dev')).binary;
  const airline = predictSentiment(model, readAirlineTweets(dataDir).test).threeWay;
  return {
    sst2_dev_binary: metricsJson(scorePredictions(sst, BINARY_LABELS)),
    airline_heldout_3class: metricsJson(scorePredictions(airline, [...SENTIMENT_LABELS])),
  };
}
