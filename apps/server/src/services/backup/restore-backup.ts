import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DatabaseTarget } from '../../config.ts';
import { LATEST_VERSION } from '../../storage/migrate.ts';
import { readArchive } from './archive/read-archive.ts';
import { assertMatchesManifest } from './database/compare.ts';
import { assertEmptyPostgres, inspectPostgres, restorePostgres } from './database/postgres-restore.ts';
import { inspectSqlite } from './database/sqlite-snapshot.ts';
import { asBackupErrors, BackupError } from './errors.ts';
import { placeDatabase } from './restore/database-placement.ts';
import { resolveDatabaseTarget } from './restore/database-target.ts';
import { assertFreshFolder, createStaging } from './restore/staging.ts';
import type { BackupManifest, RestoreTarget } from './types.ts';

/**
 * Restores a backup into a fresh data folder (and, for PostgreSQL, an empty database).
 *
 * 1. The whole file is verified first (every tag, the manifest, every entry's SHA-256): a wrong
 *    key, a truncated or a damaged file is refused before anything is created.
 * 2. The targets are checked: the folder must not exist or be empty, a PostgreSQL database must
 *    hold no tables, the backup's schema must not be newer than this release.
 * 3. A second pass writes into a staging folder beside the target (files 0600, folders 0700);
 *    SQLite gets `PRAGMA integrity_check`, PostgreSQL a single-transaction pg_restore; then the
 *    schema version and every table's row count must equal the manifest's.
 * 4. Only then does the staging folder become the data folder, in one rename.
 */
export function restoreBackup(
  file: string,
  key: string | undefined,
  target: RestoreTarget,
): Promise<BackupManifest> {
  return asBackupErrors('the restore', () => restore(file, key, target));
}

async function restore(
  file: string,
  key: string | undefined,
  target: RestoreTarget,
): Promise<BackupManifest> {
  const dataDir = path.resolve(target.dataDir);
  const manifest = await readArchive(file, key);
  if (manifest.database.schemaVersion > LATEST_VERSION)
    throw new BackupError(
      'incompatible-target',
      `this backup comes from a newer release (database schema ${manifest.database.schemaVersion}; this release knows up to ${LATEST_VERSION}); restore it with that release`,
    );
  await assertFreshFolder(dataDir);
  const database = await resolveDatabaseTarget(manifest, { ...target, dataDir });
  if (database.kind === 'postgres') await assertEmptyPostgres(database.url);

  const staging = await createStaging(dataDir);
  const placement = await placeDatabase(database, dataDir, staging).catch(async (error: unknown) => {
    await staging.discard();
    throw error;
  });
  try {
    await readArchive(file, key, async (entry, content) => {
      const destination =
        entry.name === manifest.database.entry
          ? placement.file
          : path.join(staging.dataDir, ...entry.name.slice('data/'.length).split('/'));
      await mkdir(path.dirname(destination), { recursive: true, mode: 0o700 });
      await pipeline(content, createWriteStream(destination, { flags: 'wx', mode: 0o600 }));
    });
    await checkDatabase(manifest, database, placement.file);
    await placement.commit();
    await staging.commit();
    return manifest;
  } catch (error) {
    await placement.discard();
    await staging.discard();
    throw error;
  }
}

async function checkDatabase(
  manifest: BackupManifest,
  database: DatabaseTarget,
  written: string,
): Promise<void> {
  if (database.kind === 'sqlite') {
    const restored = await inspectSqlite(written);
    if (restored.integrity.join() !== 'ok')
      throw new BackupError(
        'integrity-check-failed',
        `the restored SQLite database fails its integrity check: ${restored.integrity.join('; ')}`,
      );
    assertMatchesManifest(manifest, restored);
    return;
  }
  await restorePostgres(database.url, written);
  try {
    assertMatchesManifest(manifest, await inspectPostgres(database.url));
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    throw new BackupError(
      error.code,
      `${error.message}; the target database now holds this data: drop it before trying again`,
    );
  }
}
