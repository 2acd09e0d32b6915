import { stat } from 'node:fs/promises';
import { ConfigError, loadConfig, type DatabaseTarget } from '../../../config.ts';
import { BackupError } from '../errors.ts';
import type { BackupManifest, RestoreTarget } from '../types.ts';

/**
 * Where the backup's database goes: the database a deployment with DATA_DIR=target.dataDir and
 * DATABASE_URL=target.databaseUrl would use (read by the one configuration parser), which must be
 * of the backup's kind. A SQLite file must not exist yet.
 */
export async function resolveDatabaseTarget(
  manifest: BackupManifest,
  target: RestoreTarget,
): Promise<DatabaseTarget> {
  const kind = manifest.database.kind;
  if (kind === 'postgres' && target.databaseUrl === undefined)
    throw new BackupError(
      'incompatible-target',
      'this backup holds a PostgreSQL database: give the URL of an empty database to restore it into',
    );
  let database: DatabaseTarget;
  try {
    database = loadConfig({
      APP_ENV: 'development',
      DATA_DIR: target.dataDir,
      ...(target.databaseUrl === undefined ? {} : { DATABASE_URL: target.databaseUrl }),
    }).database;
  } catch (error) {
    if (error instanceof ConfigError) throw new BackupError('incompatible-target', error.problems.join('; '));
    throw error;
  }
  if (database.kind !== kind)
    throw new BackupError(
      'incompatible-target',
      `this backup holds a ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database; it cannot be restored into ${
        database.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'
      }`,
    );
  if (database.kind === 'sqlite') {
    if (database.file === ':memory:')
      throw new BackupError('incompatible-target', 'cannot restore into an in-memory SQLite database');
    for (const suffix of ['', '-wal', '-journal']) {
      if (await stat(database.file + suffix).catch(() => undefined))
        throw new BackupError(
          'target-not-empty',
          `${database.file + suffix} already exists; restore never overwrites a database`,
        );
    }
  }
  return database;
}
