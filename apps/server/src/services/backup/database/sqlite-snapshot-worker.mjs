// Copies and inspects SQLite databases on a thread and a connection of its own, so the caller's
// event loop (a server running BACKUP_SCHEDULE) keeps serving meanwhile. Plain JavaScript: it
// needs only better-sqlite3, not the TypeScript loader. See sqlite-snapshot.ts.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const ALL_PAGES = 0x7fffffff;

async function snapshot(source, destination) {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    // All pages in one step, inside one read transaction. A copy in several steps starts over
    // whenever another connection commits between two steps, so under a server's steady writes
    // it might never finish; one step sees one consistent state and never blocks the writer (WAL).
    await db.backup(destination, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  const copy = new Database(destination, { fileMustExist: true });
  try {
    // A single self-contained file: no -wal beside it to forget.
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  return inspect(destination, false);
}

/** Rows per table and the applied migration; with `checkIntegrity`, SQLite's full integrity check. */
function inspect(file, checkIntegrity) {
  const db = new Database(file, { fileMustExist: true });
  try {
    const problems = checkIntegrity ? db.pragma('integrity_check').map((row) => row.integrity_check) : ['ok'];
    const tables = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .pluck()
      .all();
    const rowCounts = {};
    for (const table of tables) {
      rowCounts[table] = db
        .prepare(`select count(*) from "${table.replaceAll('"', '""')}"`)
        .pluck()
        .get();
    }
    const schemaVersion = tables.includes('schema_migrations')
      ? (db.prepare('select max(version) from schema_migrations').pluck().get() ?? 0)
      : null;
    return { rowCounts, schemaVersion, integrity: problems.slice(0, 5) };
  } finally {
    db.close();
  }
}

const { task, source, destination, file } = workerData;
const work =
  task === 'snapshot' ? snapshot(source, destination) : Promise.resolve().then(() => inspect(file, true));
work.then(
  (result) => parentPort.postMessage({ ok: true, ...result }),
  (error) =>
    parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }),
);
