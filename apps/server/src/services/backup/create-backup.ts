import { randomBytes } from 'node:crypto';
import { link, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import serverPackage from '../../../package.json' with { type: 'json' };
import type { Config } from '../../config.ts';
import { encodeManifest } from './archive/manifest.ts';
import { writeArchive, type SourceEntry } from './archive/write-archive.ts';
import { snapshotDatabase } from './database/snapshot-database.ts';
import { asBackupErrors, BackupError } from './errors.ts';
import { collectDataFiles, pathWithin, syncPath } from './files.ts';
import { DEFAULT_SCRYPT, encodeHeader, type Header } from './format/header.ts';
import { deriveKeys } from './format/keys.ts';
import { backupSecret } from './key-policy.ts';
import { PARTIAL_PREFIX, removeLeftovers, STAGING_PREFIX } from './leftovers.ts';
import { backupFileName } from './names.ts';
import type { BackupResult } from './types.ts';

/**
 * Writes one backup of the configured deployment into BACKUP_DIR: an online snapshot of the
 * database plus every other file in DATA_DIR (not the database's own files, not the backups).
 * The file is written under a hidden temporary name and linked into place under its final name
 * only once complete and flushed, so an interrupted run never leaves a partial backup that looks
 * like a real one (nor one that retention would count as the newest).
 */
export function createBackup(config: Config, options: { now?: number } = {}): Promise<BackupResult> {
  return asBackupErrors('the backup', () => writeBackup(config, options.now ?? Date.now()));
}

async function writeBackup(config: Config, createdAt: number): Promise<BackupResult> {
  const secret = backupSecret(config);
  const dir = config.backup.dir;
  if (pathWithin(config.dataDir, dir) !== undefined)
    throw new BackupError(
      'io',
      `BACKUP_DIR (${dir}) must not be DATA_DIR or hold it; use a folder of its own`,
    );
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, backupFileName(createdAt));
  if (await stat(file).catch(() => undefined))
    throw new BackupError('io', `a backup named ${path.basename(file)} already exists in ${dir}`);

  await removeLeftovers(config.dataDir, dir, Date.now());
  // The plain snapshot stays on the data disk (beside the database it copies); only encrypted
  // bytes are written to BACKUP_DIR, which may be another disk or a mounted remote share.
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const staging = await mkdtemp(path.join(config.dataDir, STAGING_PREFIX));
  const partial = path.join(dir, `${PARTIAL_PREFIX}${randomBytes(6).toString('hex')}`);
  try {
    const database = await snapshotDatabase(config, staging);
    const dataFiles = await collectDataFiles(config.dataDir, (file) => skippedInDataDir(config, file));
    const entries: SourceEntry[] = [database.entry, ...dataFiles];
    const manifest = encodeManifest({
      appVersion: serverPackage.version,
      createdAt,
      database: {
        kind: config.database.kind,
        schemaVersion: database.schemaVersion,
        entry: database.entry.name,
        rowCounts: database.rowCounts,
      },
      entries: entries.map(({ name, bytes, sha256 }) => ({ name, bytes, sha256 })),
    });
    const { header, key } = await sealing(secret);
    await writeArchive(partial, header, key, manifest, entries, new Date(createdAt));
    await syncPath(partial);
    await link(partial, file).catch((error: NodeJS.ErrnoException) => {
      throw new BackupError(
        'io',
        `cannot create ${file}: ${error.code === 'EEXIST' ? 'it already exists' : error.message}`,
      );
    });
    await syncPath(dir);
    return { file, bytes: (await stat(file)).size, createdAt, encrypted: key !== undefined };
  } finally {
    await rm(partial, { force: true });
    await rm(staging, { recursive: true, force: true });
  }
}

async function sealing(secret: string | undefined): Promise<{ header: Header; key: Buffer | undefined }> {
  const salt = randomBytes(16);
  if (secret === undefined)
    return { header: encodeHeader({ scrypt: DEFAULT_SCRYPT, salt }, undefined), key: undefined };
  const keys = await deriveKeys(secret, salt, DEFAULT_SCRYPT);
  return { header: encodeHeader({ scrypt: DEFAULT_SCRYPT, salt }, keys.check), key: keys.encryption };
}

/**
 * Not copied as data files: the SQLite database and its -wal/-shm/-journal (the snapshot is the
 * consistent copy of all of them), backup staging folders, and the backup folder (backups of
 * backups would grow without end; the documentation advises BACKUP_DIR on another disk anyway).
 */
function skippedInDataDir(config: Config, file: string): boolean {
  if (file === config.backup.dir) return true;
  if (path.dirname(file) === config.dataDir && path.basename(file).startsWith(STAGING_PREFIX)) return true;
  const database = config.database;
  if (database.kind !== 'sqlite') return false;
  return ['', '-wal', '-shm', '-journal'].some((suffix) => file === database.file + suffix);
}
