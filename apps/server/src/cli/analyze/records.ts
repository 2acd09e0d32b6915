import type { ToolAdapter } from '../../tools/types.ts';

export { analyzeRow, type RowOutcome } from '../../tools/analyze-row.ts';

/** The fixed CSV/TSV header for a tool: id, the result's flattened fields, timing, error. */
export function outputColumns(adapter: ToolAdapter, withId: boolean): string[] {
  return [
    ...(withId ? ['id'] : []),
    ...adapter.resultColumns,
    'processing_time_ms',
    'error.code',
    'error.message',
  ];
}

export function warn(message: string): void {
  process.stderr.write(`textai: warning: ${message}\n`);
}
