import { describe, expect, it } from 'vitest';
import { analyzeRow, outputColumns } from '../../src/cli/analyze/records.ts';
import { flatten } from '../../src/cli/io/write-results.ts';
import { summarizeAdapter } from '../../src/tools/summarize.ts';
import type { ToolSettings } from '../../src/tools/types.ts';

// Written for these tests.
const TEXT = `Heavy rain flooded parts of the old town on Sunday. Firefighters pumped water from dozens of cellars. The river rose two metres in six hours, the highest level since 1998. Shops near the bridge stayed closed on Monday. The council said repairs to the flood wall would start next month.`;
const SETTINGS: ToolSettings = { column: 'text', titleColumn: undefined, title: undefined };
const context = (summarize?: ToolSettings['summarize']) => ({
  explain: false,
  maxChars: 100_000,
  settings: { ...SETTINGS, summarize },
});

describe('summarize adapter', () => {
  it('maps columns and single texts, with an optional title', () => {
    expect(summarizeAdapter.columns(SETTINGS)).toEqual([
      { field: 'text', column: 'text', required: true },
      { field: 'title', column: 'title', required: false },
    ]);
    expect(summarizeAdapter.fieldsFromText('Some text.', { ...SETTINGS, title: 'T' })).toEqual({
      text: 'Some text.',
      title: 'T',
    });
  });

  it('applies --sentences, and a row’s own length fields win; every result field has a CSV column', async () => {
    const analyzer = await summarizeAdapter.load();
    const outcome = analyzeRow(analyzer, { text: TEXT }, context({ sentences: 2 }));
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.result['sentences']).toHaveLength(2);
    const own = analyzeRow(analyzer, { text: TEXT, sentences: '1' }, context({ sentences: 2 }));
    if (!own.ok) throw new Error(own.error.message);
    expect(own.result['sentences']).toHaveLength(1);
    const columns = outputColumns(summarizeAdapter, true);
    expect(
      Object.keys(flatten({ id: 1, ...outcome.result })).filter((key) => !columns.includes(key)),
    ).toEqual([]);
  });

  it('reports bad rows as row errors', async () => {
    const analyzer = await summarizeAdapter.load();
    const minOverMax = analyzeRow(analyzer, { text: TEXT }, context({ max_length: 20, min_length: 40 }));
    expect(minOverMax.ok).toBe(false);
    if (!minOverMax.ok) expect(minOverMax.error.code).toBe('VALIDATION_ERROR');
    const notNumber = analyzeRow(analyzer, { text: TEXT, ratio: 'half' }, context());
    expect(notNumber.ok ? '' : notNumber.error.code).toBe('VALIDATION_ERROR');
    const empty = analyzeRow(analyzer, { text: '  ' }, context());
    expect(empty.ok ? '' : empty.error.code).toBe('EMPTY_TEXT');
  });
});
