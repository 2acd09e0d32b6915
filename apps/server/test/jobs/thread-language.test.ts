import type { ResultWarning } from '@textai/core';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeResultRows, encodeRows } from '../../src/services/jobs/chunk-codec.ts';
import { ThreadPoolExecutor } from '../../src/services/jobs/executor/thread-pool.ts';

// Job threads get the process's language table in workerData instead of loading their own
// (executor/protocol.ts); their rows must still carry the same language warnings as API calls.
describe('language detection in job worker threads', () => {
  const executor = new ThreadPoolExecutor({ size: 1, idleMs: 0 });
  afterAll(() => executor.close());

  it('warns on a non-English row and not on an English one', async () => {
    const input = encodeRows([
      { n: 1, id: 1, c: [], f: { text: 'The staff were friendly and the room was spotless.' } },
      { n: 2, id: 2, c: [], f: { text: 'El personal fue muy amable y la habitación estaba impecable.' } },
    ]);
    const output = await executor.run({
      tool: 'sentiment',
      modelSpec: 'builtin',
      settings: { column: 'text', titleColumn: undefined, title: undefined },
      explain: false,
      maxChars: 100_000,
      input,
    });
    expect(output).toMatchObject({ rows: 2, failed: 0 });
    const results = decodeResultRows(output.results);
    const warningsOf = (index: number): ResultWarning[] => {
      const row = results[index];
      if (row === undefined || !('r' in row)) throw new Error(`row ${index} has no result`);
      return row.r['warnings'] as ResultWarning[];
    };
    expect(warningsOf(0)).toEqual([]);
    expect(warningsOf(1)).toEqual([
      { code: 'NON_ENGLISH', message: expect.stringContaining('Spanish (es)') },
    ]);
  });
});
