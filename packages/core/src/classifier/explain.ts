import type { TokenContribution } from '../types.ts';
import type { LinearModel } from './model.ts';

/** Rounds for presentation; 4 decimals keep the sum within 1e-3 of the raw score for ~20 tokens. */
function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Explains `target` for `text`: every token with a non-zero share of the raw score, in text order.
 * Shares that round to zero are left out (they add nothing to the sum).
 */
export function explainTokens(
  model: LinearModel,
  text: string,
  target: number,
): { explanation: TokenContribution[]; bias: number; raw: number } {
  const { contributions, bias, raw } = model.explain(text, target);
  const explanation: TokenContribution[] = [];
  for (const c of contributions) {
    const weight = round(c.weight);
    if (weight === 0) continue;
    explanation.push({ token: text.slice(c.start, c.end), start: c.start, end: c.end, weight });
  }
  return { explanation, bias: round(bias), raw: round(raw) };
}

/** The raw score of class `target` from logits: its logit minus the mean of the others. */
export function rawScore(logits: Float64Array, target: number): number {
  let others = 0;
  for (let c = 0; c < logits.length; c++) if (c !== target) others += logits[c]!;
  return logits[target]! - others / (logits.length - 1);
}

export function argmax(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

export function roundProbability(p: number): number {
  return round(p, 6);
}
