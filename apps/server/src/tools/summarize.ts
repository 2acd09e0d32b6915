import type { SummaryResult } from '@textai/core/summarize';
import { RowInputError, type RowFields } from './rows.ts';
import { columnsFor } from './columns.ts';
import { readTextAndTitle, textAndTitleColumns, textAndTitleFromText } from './text-and-title.ts';
import type { ToolAdapter, ToolSettings } from './types.ts';

/** Length options a row may carry (JSONL `sentences`, `ratio`, `max_length`, `min_length`). */
const LENGTH_FIELDS = ['sentences', 'ratio', 'max_length', 'min_length'] as const;
type LengthField = (typeof LENGTH_FIELDS)[number];

/** A row's length option: a number, or a numeric CSV cell; absent when missing or empty. */
function lengthOption(fields: RowFields, name: LengthField): number | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return undefined;
  const parsed = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof parsed !== 'number' || !Number.isFinite(parsed)) {
    throw new RowInputError('VALIDATION_ERROR', `"${name}" must be a number`);
  }
  return parsed;
}

/** The row's own length options, else the command line's (`--sentences`, …). */
function lengthOptions(
  fields: RowFields,
  settings: ToolSettings | undefined,
): Partial<Record<LengthField, number>> {
  const own: Partial<Record<LengthField, number>> = {};
  for (const name of LENGTH_FIELDS) {
    const v = lengthOption(fields, name);
    if (v !== undefined) own[name] = v;
  }
  return Object.keys(own).length > 0 ? own : { ...settings?.summarize };
}

export const summarizeAdapter: ToolAdapter = {
  name: 'summarize',
  resultColumns: columnsFor<SummaryResult>({
    summary: ['summary'],
    sentences: ['sentences'],
    keywords: ['keywords'],
    original_length: ['original_length'],
    summary_length: ['summary_length'],
    compression_ratio: ['compression_ratio'],
    model: ['model.name', 'model.version'],
    warnings: ['warnings'],
  }),
  columns: textAndTitleColumns,
  fieldsFromText: textAndTitleFromText,
  async load(modelSpec = 'builtin') {
    const [{ summarize }, { loadSummarizerModel }] = await Promise.all([
      import('@textai/core/summarize'),
      import('@textai/core/models/summarizer'),
    ]);
    const model = loadSummarizerModel(modelSpec);
    return (fields, { maxChars, settings }) => {
      const length = lengthOptions(fields, settings);
      return summarize(readTextAndTitle(fields, maxChars), { ...length, model });
    };
  },
};
