import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { flatten } from '../../src/cli/io/write-results.ts';
import { safeCell } from '../../src/services/csv-safety.ts';
import { csvRecord } from '../../src/services/jobs/csv-record.ts';
import { resultCellReader } from '../../src/services/jobs/result-cells.ts';

/** The download's CSV writing, checked against what it replaced: csv-stringify and flatten(). */
describe('job result CSV', () => {
  it('quotes fields exactly as csv-stringify does', () => {
    const fields = [
      '',
      'plain',
      'a,b',
      'say "hi"',
      '"',
      'line\nbreak',
      'cr\rlf\r\n',
      ' spaced ',
      "'=1+1",
      'tab\there',
      'é ☃ 😀',
      ';|',
    ];
    expect(csvRecord(fields)).toBe(stringify([fields]));
    for (const field of fields) expect(csvRecord(['1', field])).toBe(stringify([['1', field]]));
  });

  it('reads result cells as flatten() would, arrays as JSON and formulas defused', () => {
    const columns = [
      'label',
      'scores.positive',
      'scores.negative',
      'explanation',
      'model.name',
      'warnings',
      'flag',
      'missing',
      'missing.deeper',
      'nothing',
      'error.code',
    ];
    const results: Record<string, unknown>[] = [
      {
        label: 'positive',
        scores: { positive: 0.93, negative: 0.07 },
        explanation: [{ token: 'good', weight: 1.5 }],
        model: { name: '=builtin', version: '1' },
        warnings: [],
        flag: true,
        nothing: null,
      },
      { error: { code: 'VALIDATION_ERROR', message: 'empty text' } },
      { label: '-1', scores: null, model: 'flat' },
    ];
    const read = resultCellReader(columns);
    for (const result of results) {
      const flat = flatten(result);
      const expected = columns.map((column) => {
        const value = flat[column];
        if (value === undefined || value === null) return '';
        return typeof value === 'string' ? safeCell(value) : String(value);
      });
      const cells: string[] = [];
      read(result, cells);
      expect(cells).toEqual(expected);
    }
  });
});
