import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { InputRow } from '../../tools/rows.ts';
import { parseJsonlLine } from '../../services/jobs/input/jsonl.ts';

/** One line to a row; shared with batch jobs' JSON Lines reader. */
export { parseJsonlLine };

/**
 * Rows of a JSON Lines stream, one line at a time (readline pauses the stream when its buffer fills,
 * so a large file is never held in memory). Blank lines are skipped; a row's number is its line
 * number, so an error points at the line to fix.
 */
export async function* readJsonlRows(input: Readable): AsyncGenerator<InputRow> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const raw of lines) {
    lineNumber += 1;
    // Editors on Windows may start the file with a byte-order mark, which JSON.parse rejects.
    const line = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    yield parseJsonlLine(line, lineNumber);
  }
}
