import { fakeNewsModelInput, type LinearModel } from '@textai/core';
import { FAKE, REAL } from './datasets/fake-news.ts';
import type { Predictions } from './metrics.ts';

/** Binary predictions of a fake-news model, reading each item as the analyser does (title, then text). */
export function predictFakeNews(
  model: LinearModel,
  items: readonly { text: string; title?: string; label: number }[],
): Predictions {
  const p = new Float64Array(2);
  const out: Predictions = { truth: [], predicted: [], confidence: [] };
  for (const item of items) {
    model.predict(fakeNewsModelInput(item), p);
    out.truth.push(item.label);
    out.predicted.push(p[REAL]! > p[FAKE]! ? REAL : FAKE);
    out.confidence.push(Math.max(p[FAKE]!, p[REAL]!));
  }
  return out;
}
