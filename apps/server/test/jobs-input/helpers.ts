import { Readable } from 'node:stream';
import type { JobInputRow } from '../../src/services/jobs/input/index.ts';
import { JobInputError } from '../../src/services/jobs/input/index.ts';
import type { ColumnSpec } from '../../src/tools/rows.ts';

export const TEXT: ColumnSpec[] = [{ field: 'text', column: 'text', required: true }];

/** A re-openable source of the given bytes, cut into `chunkSize`-byte chunks (to hit every boundary). */
export function source(data: Buffer | string, chunkSize = 64 * 1024): () => Readable {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return () => {
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += chunkSize) chunks.push(bytes.subarray(at, at + chunkSize));
    return Readable.from(chunks, { objectMode: false });
  };
}

export async function collect(rows: AsyncIterable<JobInputRow>): Promise<JobInputRow[]> {
  const all: JobInputRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

/** The JobInputError a promise rejects with (fails the test if it resolves or throws something else). */
export async function inputError(promise: Promise<unknown>): Promise<JobInputError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof JobInputError) return error;
    throw error;
  }
  throw new Error('expected a JobInputError');
}
