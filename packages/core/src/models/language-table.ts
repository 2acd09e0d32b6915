import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LanguageIdentifier } from '../text/language-id/identifier.ts';
import { LanguageTable } from '../text/language-id/table.ts';

/**
 * Loader of the language identifier's n-gram table (packages/core/models/language-ngrams.bin,
 * compiled from eld's `small` database by scripts/compile-language-table.ts). The file is read once
 * per process into a SharedArrayBuffer, lazily, on the first text whose language is asked for.
 * Worker threads are handed that buffer (useLanguageTableBuffer) instead of reading their own copy:
 * a SharedArrayBuffer passed in workerData is the same memory in both threads.
 */
export const LANGUAGE_TABLE_FILE = 'language-ngrams.bin';
export const LANGUAGE_TABLE_PATH = fileURLToPath(
  new URL(`../../models/${LANGUAGE_TABLE_FILE}`, import.meta.url),
);

interface LoadedTable {
  buffer: SharedArrayBuffer;
  identifier: LanguageIdentifier;
}

let loaded: LoadedTable | undefined;

/** This thread's table: read from the shipped file on first use, or the one handed to this thread. */
export function languageTableBuffer(): SharedArrayBuffer {
  return loadedTable().buffer;
}

/** The identifier over this thread's table. */
export function languageIdentifier(): LanguageIdentifier {
  return loadedTable().identifier;
}

/**
 * Makes this thread use `buffer` (a table another thread loaded) instead of reading the file. Checks
 * the table at once, so a wrong buffer fails here rather than on the first text.
 */
export function useLanguageTableBuffer(buffer: SharedArrayBuffer): void {
  if (loaded?.buffer === buffer) return;
  loaded = open(buffer, 'the language table handed to this thread');
}

function loadedTable(): LoadedTable {
  loaded ??= open(readShared(LANGUAGE_TABLE_PATH), `language table ${LANGUAGE_TABLE_PATH}`);
  return loaded;
}

/** Checked once, when opened: a damaged table is refused with what is wrong with it. */
function open(buffer: SharedArrayBuffer, name: string): LoadedTable {
  try {
    return { buffer, identifier: new LanguageIdentifier(new LanguageTable(buffer)) };
  } catch (error) {
    throw new Error(`cannot load ${name}: ${(error as Error).message}`);
  }
}

function readShared(path: string): SharedArrayBuffer {
  if (!existsSync(path)) {
    throw new Error(
      `language table not found: ${path} (build it with npm run compile:language-table -w @textai/core)`,
    );
  }
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const buffer = new SharedArrayBuffer(size);
    const bytes = new Uint8Array(buffer);
    for (let read = 0; read < size;) {
      const got = readSync(fd, bytes, read, size - read, read);
      if (got === 0) throw new Error(`language table ${path} ended early`);
      read += got;
    }
    return buffer;
  } finally {
    closeSync(fd);
  }
}
