import { randomBytes } from 'node:crypto';
import { link, mkdir, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseTarget } from '../../../config.ts';
import { BackupError } from '../errors.ts';
import { pathWithin } from '../files.ts';
import type { Staging } from './staging.ts';

/** Where the database entry is written during a restore, and how it reaches its final place. */
export interface DatabasePlacement {
  /** The file the archive's database entry is written to. */
  file: string;
  /** Moves it into place (before the data folder is committed). */
  commit(): Promise<void>;
  /** Undoes `commit` or removes the written file; used when the restore fails. */
  discard(): Promise<void>;
}

const nothing = () => Promise.resolve();

/**
 * A SQLite file inside the data folder travels with the staged folder; one outside it is written
 * next to its destination and linked into place (never over an existing file); a PostgreSQL dump
 * only passes through the staging scratch space on its way to pg_restore.
 */
export async function placeDatabase(
  database: DatabaseTarget,
  dataDir: string,
  staging: Staging,
): Promise<DatabasePlacement> {
  if (database.kind === 'postgres')
    return { file: path.join(staging.scratch, 'postgres.dump'), commit: nothing, discard: nothing };
  const inside = pathWithin(database.file, dataDir);
  if (inside !== undefined) {
    if (inside === '')
      throw new BackupError('incompatible-target', 'the database file cannot be the data folder itself');
    return { file: path.join(staging.dataDir, inside), commit: nothing, discard: nothing };
  }
  await mkdir(path.dirname(database.file), { recursive: true, mode: 0o700 });
  const temporary = `${database.file}.restoring-${randomBytes(6).toString('hex')}`;
  let linked = false;
  return {
    file: temporary,
    async commit() {
      await link(temporary, database.file).catch((error: NodeJS.ErrnoException) => {
        throw new BackupError(
          error.code === 'EEXIST' ? 'target-not-empty' : 'io',
          `cannot create ${database.file}: ${error.code === 'EEXIST' ? 'it appeared during the restore' : error.message}`,
        );
      });
      linked = true;
      await unlink(temporary);
    },
    async discard() {
      await rm(temporary, { force: true });
      if (linked) await rm(database.file, { force: true });
    },
  };
}
