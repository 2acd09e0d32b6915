import { AnalysisInputError } from '@textai/core';
import { describe, expect, it } from 'vitest';
import { analyzeRow, outputColumns } from '../../src/cli/analyze/records.ts';
import { flatten } from '../../src/cli/io/write-results.ts';
import { RowInputError } from '../../src/tools/rows.ts';
import { optionalText, requiredText } from '../../src/tools/fields.ts';
import { loadToolAdapter } from '../../src/tools/index.ts';
import type { ToolSettings } from '../../src/tools/types.ts';

const SETTINGS: ToolSettings = { column: 'text', titleColumn: undefined, title: undefined };

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof RowInputError) return error.code;
    throw error;
  }
  return undefined;
}

describe('row field checks', () => {
  it('requires a non-blank string within the limit', () => {
    expect(requiredText({ text: 'Quiet street, good coffee.' }, 'text', 100)).toBe(
      'Quiet street, good coffee.',
    );
    expect(codeOf(() => requiredText({}, 'text', 100))).toBe('VALIDATION_ERROR');
    expect(codeOf(() => requiredText({ text: null }, 'text', 100))).toBe('VALIDATION_ERROR');
    expect(codeOf(() => requiredText({ text: ['a'] }, 'text', 100))).toBe('VALIDATION_ERROR');
    expect(codeOf(() => requiredText({ text: ' \n\t' }, 'text', 100))).toBe('EMPTY_TEXT');
    expect(codeOf(() => requiredText({ text: 'x'.repeat(101) }, 'text', 100))).toBe('PAYLOAD_TOO_LARGE');
    expect(requiredText({ text: 'x'.repeat(100) }, 'text', 100)).toHaveLength(100);
  });

  it('treats an absent, null or empty optional field as absent', () => {
    expect(optionalText({}, 'title', 10)).toBeUndefined();
    expect(optionalText({ title: null }, 'title', 10)).toBeUndefined();
    expect(optionalText({ title: '' }, 'title', 10)).toBeUndefined();
    expect(optionalText({ title: 'Headline' }, 'title', 10)).toBe('Headline');
    expect(codeOf(() => optionalText({ title: 7 }, 'title', 10))).toBe('VALIDATION_ERROR');
    expect(codeOf(() => optionalText({ title: 'x'.repeat(11) }, 'title', 10))).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('analyzeRow', () => {
  const context = { explain: false, maxChars: 100 };

  it('adds processing_time_ms, rounded to the microsecond', () => {
    const outcome = analyzeRow(() => ({ label: 'NEUTRAL' }), { text: 'x' }, context);
    expect(outcome).toEqual({
      ok: true,
      result: { label: 'NEUTRAL', processing_time_ms: expect.any(Number) as unknown },
    });
    if (!outcome.ok) throw new Error('expected success');
    const ms = outcome.result['processing_time_ms'] as number;
    expect(Math.round(ms * 1000) / 1000).toBe(ms);
  });

  it('turns input errors, core or CLI, into row errors, and anything else into INTERNAL_ERROR', () => {
    const fail = (error: Error) => () => {
      throw error;
    };
    expect(analyzeRow(fail(new AnalysisInputError('EMPTY_TEXT', 'nothing to read')), {}, context)).toEqual({
      ok: false,
      error: { code: 'EMPTY_TEXT', message: 'nothing to read' },
    });
    expect(analyzeRow(fail(new RowInputError('VALIDATION_ERROR', 'no text')), {}, context)).toEqual({
      ok: false,
      error: { code: 'VALIDATION_ERROR', message: 'no text' },
    });
    expect(analyzeRow(fail(new TypeError('boom')), {}, context)).toEqual({
      ok: false,
      error: { code: 'INTERNAL_ERROR', message: 'boom' },
    });
  });
});

describe('tool adapters', () => {
  const samples = {
    sentiment: { text: 'The garden was beautiful but the path was muddy.' },
    'fake-news': {
      text: 'The museum reopens on Friday with a new wing, the director said.',
      title: 'Museum reopens',
    },
  } as const;

  for (const tool of ['sentiment', 'fake-news'] as const) {
    it(`${tool}: every field of a real result has a CSV column`, async () => {
      const adapter = await loadToolAdapter(tool);
      const analyzer = await adapter.load();
      for (const explain of [true, false]) {
        const outcome = analyzeRow(analyzer, samples[tool], { explain, maxChars: 100_000 });
        if (!outcome.ok) throw new Error(`${tool} failed: ${outcome.error.message}`);
        const columns = outputColumns(adapter, true);
        expect(
          Object.keys(flatten({ id: 1, ...outcome.result })).filter((key) => !columns.includes(key)),
        ).toEqual([]);
      }
    });

    it(`${tool}: a missing text is a VALIDATION_ERROR row`, async () => {
      const analyzer = await (await loadToolAdapter(tool)).load();
      expect(analyzeRow(analyzer, {}, { explain: false, maxChars: 100 })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_ERROR' },
      });
    });
  }

  it('maps fake-news columns: an explicit --title-column is required, the default one optional', async () => {
    const adapter = await loadToolAdapter('fake-news');
    expect(adapter.columns(SETTINGS)).toEqual([
      { field: 'text', column: 'text', required: true },
      { field: 'title', column: 'title', required: false },
    ]);
    expect(adapter.columns({ ...SETTINGS, column: 'body', titleColumn: 'headline' })).toEqual([
      { field: 'text', column: 'body', required: true },
      { field: 'title', column: 'headline', required: true },
    ]);
    expect(adapter.fieldsFromText('Body.', { ...SETTINGS, title: 'Head' })).toEqual({
      text: 'Body.',
      title: 'Head',
    });
  });

  it('has an adapter for every tool', async () => {
    for (const tool of ['sentiment', 'summarize', 'fake-news', 'job-match'] as const) {
      expect((await loadToolAdapter(tool)).name).toBe(tool);
    }
  });
});
