import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../../config.ts';
import type { SourceEntry } from '../archive/write-archive.ts';
import { BackupError } from '../errors.ts';
import { describe } from '../files.ts';
import { snapshotPostgres } from './postgres-snapshot.ts';
import { snapshotSqlite } from './sqlite-snapshot.ts';

export const SQLITE_ENTRY = 'database/textai.db';
export const POSTGRES_ENTRY = 'database/postgres.dump';

export interface DatabaseEntry {
  entry: SourceEntry;
  schemaVersion: number;
  rowCounts: Record<string, number>;
}

/** Snapshots the configured database into `staging` as the archive's first entry. */
export async function snapshotDatabase(config: Config, staging: string): Promise<DatabaseEntry> {
  const target = config.database;
  let snapshot;
  let copy: string;
  let name: string;
  if (target.kind === 'sqlite') {
    if (target.file === ':memory:')
      throw new BackupError('io', 'an in-memory SQLite database cannot be backed up');
    if (!(await stat(target.file).catch(() => undefined)))
      throw new BackupError('io', `no database at ${target.file} (check DATA_DIR and DATABASE_URL)`);
    copy = path.join(staging, 'textai.db');
    name = SQLITE_ENTRY;
    snapshot = await snapshotSqlite(target.file, copy);
  } else {
    copy = path.join(staging, 'postgres.dump');
    name = POSTGRES_ENTRY;
    snapshot = await snapshotPostgres(target.url, copy);
  }
  if (snapshot.schemaVersion === null)
    throw new BackupError(
      'io',
      'the database has no schema yet (run `textai migrate` or start the server first)',
    );
  return {
    entry: await describe(copy, staging, name),
    schemaVersion: snapshot.schemaVersion,
    rowCounts: snapshot.rowCounts,
  };
}
