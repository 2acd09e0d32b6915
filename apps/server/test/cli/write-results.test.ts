import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createResultWriter, flatten } from '../../src/cli/io/write-results.ts';

/** A writable that keeps what it is given, with a tiny buffer so that backpressure is exercised. */
function memorySink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    highWaterMark: 8,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      setImmediate(callback);
    },
  });
  return { stream, text: () => chunks.join('') };
}

const RESULT = {
  label: 'POSITIVE',
  score: 0.91,
  scores: { positive: 0.91, negative: 0.04, neutral: 0.05 },
  explanation: [{ token: 'great', start: 4, end: 9, weight: 1.2 }],
  model: { name: 'sentiment-builtin', version: '1.0.0' },
  warnings: [],
  processing_time_ms: 0.042,
};

describe('flatten', () => {
  it('joins nested keys with dots and JSON-encodes arrays', () => {
    expect(flatten({ id: 3, ...RESULT })).toEqual({
      id: 3,
      label: 'POSITIVE',
      score: 0.91,
      'scores.positive': 0.91,
      'scores.negative': 0.04,
      'scores.neutral': 0.05,
      explanation: '[{"token":"great","start":4,"end":9,"weight":1.2}]',
      'model.name': 'sentiment-builtin',
      'model.version': '1.0.0',
      warnings: '[]',
      processing_time_ms: 0.042,
    });
    expect(flatten({ a: { b: { c: true } }, n: null, u: undefined })).toEqual({ 'a.b.c': true, n: null });
  });
});

describe('createResultWriter', () => {
  const columns = [
    'id',
    'label',
    'score',
    'scores.positive',
    'explanation',
    'model.name',
    'processing_time_ms',
    'error.code',
    'error.message',
  ];

  it('writes one JSON object per line', async () => {
    const sink = memorySink();
    const writer = createResultWriter(sink.stream, 'jsonl', columns);
    await writer.write({ id: 1, ...RESULT });
    await writer.write({ id: 2, error: { code: 'EMPTY_TEXT', message: '"text" is empty' } });
    await writer.close();
    const lines = sink.text().trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      { id: 1, ...RESULT },
      { id: 2, error: { code: 'EMPTY_TEXT', message: '"text" is empty' } },
    ]);
  });

  it('writes a CSV table with a fixed header, error columns and quoting', async () => {
    const sink = memorySink();
    const warnings: string[] = [];
    const writer = createResultWriter(sink.stream, 'csv', columns, (message) => warnings.push(message));
    await writer.write({ id: 'a,1', ...RESULT });
    await writer.write({ id: 'b"2', error: { code: 'PAYLOAD_TOO_LARGE', message: 'too long,\nsorry' } });
    await writer.close();
    const table = parse(sink.text(), { columns: true }) as Record<string, string>[];
    expect(table).toEqual([
      {
        id: 'a,1',
        label: 'POSITIVE',
        score: '0.91',
        'scores.positive': '0.91',
        explanation: '[{"token":"great","start":4,"end":9,"weight":1.2}]',
        'model.name': 'sentiment-builtin',
        processing_time_ms: '0.042',
        'error.code': '',
        'error.message': '',
      },
      {
        id: 'b"2',
        label: '',
        score: '',
        'scores.positive': '',
        explanation: '',
        'model.name': '',
        processing_time_ms: '',
        'error.code': 'PAYLOAD_TOO_LARGE',
        'error.message': 'too long,\nsorry',
      },
    ]);
    // Fields without a column are reported once each, not silently lost.
    expect(warnings).toEqual([
      'result field "scores.negative" has no column in the CSV output; left out',
      'result field "scores.neutral" has no column in the CSV output; left out',
      'result field "model.version" has no column in the CSV output; left out',
      'result field "warnings" has no column in the CSV output; left out',
    ]);
  });

  it('writes TSV and a header even with no rows', async () => {
    const sink = memorySink();
    const writer = createResultWriter(sink.stream, 'tsv', ['id', 'label']);
    await writer.close();
    expect(sink.text()).toBe('id\tlabel\n');
  });
});
