import { AppError } from './errors.ts';

/** Why the server cannot write: the disk is full, the database is read-only, or the disk fails. */
export type StorageFaultKind = 'disk_full' | 'read_only' | 'io_error';

export interface StorageFault {
  kind: StorageFaultKind;
  /** Safe to show: names the cause and what the operator does, never a path or a query. */
  message: string;
}

const MESSAGES: Record<StorageFaultKind, string> = {
  disk_full:
    'the database cannot store anything: the disk is full (free space where DATA_DIR or the database lives)',
  read_only: 'the database is read-only: the server cannot store anything until it is writable again',
  io_error: 'the database cannot write to its disk (input/output error)',
};

/**
 * The error codes that mean "the storage under the database refuses writes", by the layer that
 * raises them: SQLite result codes (better-sqlite3's SqliteError.code, extended codes included),
 * Node's system errors (the upload spool, files in DATA_DIR) and PostgreSQL SQLSTATEs
 * (53100 disk_full, 25006 read_only_sql_transaction, 58030 io_error).
 */
function kindOfCode(code: string): StorageFaultKind | undefined {
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === '53100')
    return 'disk_full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === '25006') return 'read_only';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO' || code === '58030') return 'io_error';
  return undefined;
}

export function storageFault(kind: StorageFaultKind): StorageFault {
  return { kind, message: MESSAGES[kind] };
}

/** The storage fault behind `error` (or behind its causes), or undefined for any other error. */
export function storageFaultOf(error: unknown): StorageFault | undefined {
  let current: unknown = error;
  // Drivers and pipelines wrap errors; a few levels of `cause` cover them without risking a cycle.
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    const kind = typeof code === 'string' ? kindOfCode(code) : undefined;
    if (kind !== undefined) return storageFault(kind);
    current = current.cause;
  }
  return undefined;
}

/** The answer to a request that needed a write the storage refused: 503, retry when it is fixed. */
export function storageUnavailable(fault: StorageFault): AppError {
  return new AppError(
    503,
    'STORAGE_UNAVAILABLE',
    fault.message,
    { reason: fault.kind },
    { 'Retry-After': '30' },
  );
}

/**
 * Runs a write whose loss costs only bookkeeping (a key's or session's last-used time), so that a
 * full or read-only disk fails the writes a request is for, not the reads it makes: a storage
 * fault skips the write (false); any other error is thrown as usual.
 */
export async function bookkeepingWrite(write: () => Promise<void>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (storageFaultOf(error) === undefined) throw error;
    return false;
  }
}
