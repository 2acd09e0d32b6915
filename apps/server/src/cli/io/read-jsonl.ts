import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { InputRow } from '../../tools/rows.ts';

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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One line to a row: the object's fields and its `id` (else the line number), or an error row. */
export function parseJsonlLine(line: string, lineNumber: number): InputRow {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      id: lineNumber,
      error: { code: 'INVALID_JSON', message: `line ${lineNumber} is not valid JSON: ${reason}` },
    };
  }
  if (!isObject(value)) {
    return {
      id: lineNumber,
      error: { code: 'VALIDATION_ERROR', message: `line ${lineNumber} is not a JSON object` },
    };
  }
  const id = value['id'];
  if (id === undefined || id === null) return { id: lineNumber, fields: value };
  if (typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) {
    return { id, fields: value };
  }
  return {
    id: lineNumber,
    error: {
      code: 'VALIDATION_ERROR',
      message: `line ${lineNumber}: "id" must be a string or a number`,
    },
  };
}
