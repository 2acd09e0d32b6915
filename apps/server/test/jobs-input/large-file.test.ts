import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { openJobInput } from '../../src/services/jobs/input/index.ts';
import { TEXT, inputError } from './helpers.ts';

const ROWS = 200_000;
const FILLER = 'lorem ipsum dolor sit amet '.repeat(14); // ~380 bytes a row: ~75 MB in all

/** A 200k-row CSV made as it is read, so the test itself holds none of it; counts the bytes handed out. */
function bigCsv(): { open: () => Readable; sent: () => number } {
  let sent = 0;
  function* chunks(): Generator<Buffer> {
    let batch: string[] = ['id,text,stars\n'];
    for (let i = 1; i <= ROWS; i++) {
      batch.push(`r${i},"Review ${i}: ${FILLER}",${i % 5}\n`);
      if (batch.length === 200) {
        const chunk = Buffer.from(batch.join(''));
        sent += chunk.length;
        yield chunk;
        batch = [];
      }
    }
    const last = Buffer.from(batch.join(''));
    sent += last.length;
    yield last;
  }
  return { open: () => Readable.from(chunks(), { objectMode: false }), sent: () => sent };
}

/** The garbage collector, when V8 lets a running process expose it. */
function collector(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? () => void gc() : undefined;
  } catch {
    return undefined;
  }
}

describe('a 200,000-row CSV', () => {
  it('is streamed with bounded memory', { timeout: 120_000 }, async () => {
    const gc = collector();
    const file = bigCsv();
    const input = await openJobInput(file.open, { columns: TEXT, maxRows: ROWS, format: 'csv' });
    gc?.();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let count = 0;
    let last = '';
    for await (const row of input) {
      count += 1;
      if ('fields' in row) last = String(row.fields['text']).slice(0, 14);
      if (count % 20_000 === 0) {
        gc?.();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    expect(count).toBe(ROWS);
    expect(last).toBe('Review 200000:');
    expect(file.sent()).toBeGreaterThan(70 * 1024 * 1024);
    // Holding the file would take well over 75 MB of heap; streaming takes a few buffers.
    if (gc) expect(peak - baseline).toBeLessThan(50 * 1024 * 1024);
  });

  it('is refused by the row limit long before its end', async () => {
    const file = bigCsv();
    const input = await openJobInput(file.open, { columns: TEXT, maxRows: 1000, format: 'csv' });
    const error = await inputError(input.countRows());
    expect(error.problem).toBe('ROW_LIMIT');
    expect(file.sent()).toBeLessThan(2 * 1024 * 1024);
  });
});
