import { RowInputError } from './rows.ts';
import type { RowError, RowFields } from './rows.ts';
import type { RowAnalyzer, RowContext } from './types.ts';

export type RowOutcome =
  { ok: true; result: Readonly<Record<string, unknown>> } | { ok: false; error: RowError };

/**
 * Runs one row and shapes it like the HTTP response: the core result plus `processing_time_ms`
 * (validation and model time, to the microsecond), or the row's error.
 */
export function analyzeRow(analyzer: RowAnalyzer, fields: RowFields, context: RowContext): RowOutcome {
  const started = performance.now();
  try {
    const result = analyzer(fields, context);
    const elapsed = performance.now() - started;
    return { ok: true, result: { ...result, processing_time_ms: Math.round(elapsed * 1000) / 1000 } };
  } catch (error) {
    return { ok: false, error: rowError(error) };
  }
}

function rowError(error: unknown): RowError {
  if (error instanceof RowInputError || isCoreInputError(error)) {
    return { code: error.code, message: error.message };
  }
  // A failure inside the model is a bug, but one row's bug should not cost the rest of the file.
  return { code: 'INTERNAL_ERROR', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Core's AnalysisInputError, recognised by name so that this module does not import core (which
 * would load the model code before the arguments and the input file are checked).
 */
function isCoreInputError(error: unknown): error is Error & { code: string } {
  return (
    error instanceof Error &&
    error.name === 'AnalysisInputError' &&
    'code' in error &&
    typeof error.code === 'string'
  );
}
