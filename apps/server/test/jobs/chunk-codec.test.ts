import { describe, expect, it } from 'vitest';
import {
  decodeInputRows,
  encodeInputChunk,
  encodeRows,
  type ChunkInputRow,
} from '../../src/services/jobs/chunk-codec.ts';

describe('chunk input codec', () => {
  it('stores the fields of CSV rows once, as cells, and gives them back on decoding', () => {
    const stored = encodeInputChunk(
      [
        { n: 1, id: 'a', c: ['a', 'good day', 'Title'] },
        { n: 2, id: 2, c: ['', 'bad day', ''] },
        { n: 3, id: 3, c: ['x'], e: { code: 'VALIDATION_ERROR', message: 'row 3 has 1 fields' } },
      ],
      [
        { field: 'text', index: 1 },
        { field: 'title', index: 2 },
      ],
    );
    expect(new TextDecoder().decode(stored).match(/good day/g)).toHaveLength(1);
    expect(decodeInputRows(stored)).toEqual([
      { n: 1, id: 'a', c: ['a', 'good day', 'Title'], f: { text: 'good day', title: 'Title' } },
      { n: 2, id: 2, c: ['', 'bad day', ''], f: { text: 'bad day', title: '' } },
      { n: 3, id: 3, c: ['x'], e: { code: 'VALIDATION_ERROR', message: 'row 3 has 1 fields' } },
    ]);
  });

  it('keeps each row’s own fields when they are not cells (JSON Lines), and reads the array form', () => {
    const rows: ChunkInputRow[] = [
      { n: 1, id: 1, c: ['hi', '3'], f: { text: 'hi', min_length: 3 } },
      { n: 2, id: 2, c: [], e: { code: 'VALIDATION_ERROR', message: 'line 2 is not JSON' } },
    ];
    expect(decodeInputRows(encodeInputChunk(rows, undefined))).toEqual(rows);
    // Chunks stored before fields were left out: an array of rows, each with its fields.
    expect(decodeInputRows(encodeRows(rows))).toEqual(rows);
    expect(() => encodeInputChunk([{ n: 1, id: 1, c: ['hi'] }], undefined)).toThrow(/no fields/);
  });
});
