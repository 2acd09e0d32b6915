import { chmodSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type SqliteDialectConfig } from 'kysely';
import type { Database } from '../schema.ts';
import { startCheckpointer } from './checkpointer.ts';
import { SqliteDialectKeepingCause } from './dialect.ts';

export interface SqliteHandle {
  db: Kysely<Database>;
  raw: BetterSqlite3.Database;
  sizeBytes(): number | null;
  close(): Promise<void>;
}

export interface SqliteOptions {
  /** Checkpoint the WAL from a background thread (servers and workers; see checkpointer.ts). */
  backgroundCheckpoints?: boolean;
}

/** WAL pages before the connection checkpoints by itself when a background checkpointer runs (~40 MB). */
const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;
const CHECKPOINT_INTERVAL_MS = 500;

/**
 * Opens the SQLite file with the settings a server needs: WAL (readers never block the writer),
 * synchronous=NORMAL (durable at each checkpoint, safe against corruption with WAL), foreign keys
 * on, and a busy timeout so that a second process (a CLI command, a migration) waits instead of
 * failing with SQLITE_BUSY.
 */
export function openSqlite(file: string, options: SqliteOptions = {}): SqliteHandle {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const raw = new BetterSqlite3(file);
  // Owner-only: the file holds password hashes and users' texts. SQLite gives its -wal and -shm
  // files the same mode.
  if (file !== ':memory:') chmodSync(file, 0o600);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const background = options.backgroundCheckpoints === true && file !== ':memory:';
  if (background) raw.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  const checkpointer = background ? startCheckpointer(file, CHECKPOINT_INTERVAL_MS) : undefined;
  const db = new Kysely<Database>({
    dialect: new SqliteDialectKeepingCause({ database: withStatementCache(raw) }, raw),
  });
  return {
    db,
    raw,
    async close() {
      await checkpointer?.stop();
      await db.destroy();
    },
    sizeBytes() {
      if (file === ':memory:') {
        const pages = Number(raw.pragma('page_count', { simple: true }));
        const size = Number(raw.pragma('page_size', { simple: true }));
        return pages * size;
      }
      let total = 0;
      for (const suffix of ['', '-wal']) {
        try {
          total += statSync(file + suffix).size;
        } catch {
          // no WAL file yet
        }
      }
      return total;
    },
  };
}

/**
 * Kysely prepares every query afresh; compiling SQL is most of the cost of a small query in
 * better-sqlite3. The same query text always gets the same prepared statement here (statements
 * are reusable once a synchronous call returns, and Kysely runs one query at a time per
 * connection). Query texts are finite — values are bound, never inlined — so the cache is bounded
 * in practice; a cap guards against a surprise.
 */
function withStatementCache(raw: BetterSqlite3.Database): SqliteDialectConfig['database'] {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => raw.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement === undefined) {
        statement = raw.prepare(sql);
        if (cache.size >= 1000) cache.clear();
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}
