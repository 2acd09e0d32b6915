import { readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { asBackupErrors } from './errors.ts';
import { createdAtFromName } from './names.ts';
import type { BackupInfo } from './types.ts';

const DAY_MS = 86_400_000;

/** The backups in `dir` (only files named as ours), newest first; none when the folder is missing. */
export function listBackups(dir: string): Promise<BackupInfo[]> {
  return asBackupErrors(`listing backups in ${dir}`, () => findBackups(dir));
}

async function findBackups(dir: string): Promise<BackupInfo[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: BackupInfo[] = [];
  for (const name of names) {
    const createdAt = createdAtFromName(name);
    if (createdAt === undefined) continue;
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (info === undefined || !info.isFile()) continue;
    found.push({ file, createdAt, bytes: info.size });
  }
  return found.sort((a, b) => b.createdAt - a.createdAt || b.file.localeCompare(a.file));
}

/**
 * Deletes our backups older than `retentionDays` and returns their paths. The newest backup is
 * always kept, however old: if backups stopped working, retention must not delete the last good one.
 */
export function pruneBackups(dir: string, retentionDays: number, now: number): Promise<string[]> {
  return asBackupErrors(`pruning backups in ${dir}`, () => prune(dir, retentionDays, now));
}

async function prune(dir: string, retentionDays: number, now: number): Promise<string[]> {
  const cutoff = now - retentionDays * DAY_MS;
  const [, ...older] = await findBackups(dir);
  const deleted: string[] = [];
  for (const backup of older) {
    if (backup.createdAt >= cutoff) continue;
    // Another process pruning at the same moment (a scheduled and a manual backup) may be first.
    const gone = await unlink(backup.file).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    if (gone) deleted.push(backup.file);
  }
  return deleted;
}
