import { AnalysisInputError } from '../types.ts';

/** Rejects input no analyser can work on: non-strings and text with nothing but whitespace. */
export function requireText(value: unknown, field = 'text'): string {
  if (typeof value !== 'string') {
    throw new AnalysisInputError('VALIDATION_ERROR', `${field} must be a string`);
  }
  if (value.trim() === '') {
    throw new AnalysisInputError('EMPTY_TEXT', `${field} is empty`);
  }
  return value;
}
