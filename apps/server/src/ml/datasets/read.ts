import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * Readers for the shared training datasets. They take the data folder as an argument (default
 * `../shared/datasets`) and fail with a message naming the missing file.
 */
export const DEFAULT_DATA_DIR = '../shared/datasets';

export function dataFile(dataDir: string, ...parts: string[]): string {
  const path = join(dataDir, ...parts);
  if (!existsSync(path)) {
    throw new Error(
      `dataset file not found: ${path} (pass --data DIR pointing at the shared datasets folder)`,
    );
  }
  return path;
}

/** Tab-separated rows without quote handling (SST-2, LIAR and CONSTRAINT must be read this way). */
export function readTsvNoQuotes(path: string, { header }: { header: boolean }): string[][] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const rows: string[][] = [];
  for (let i = header ? 1 : 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    rows.push(line.split('\t'));
  }
  return rows;
}

/** RFC 4180 CSV with a header row, as objects keyed by column name. */
export function readCsvObjects(path: string): Record<string, string>[] {
  return parse(readFileSync(path), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
  });
}

export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** A stable hash of a string in [0, 1), for fixed, reproducible splits by id. */
export function unitHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}
