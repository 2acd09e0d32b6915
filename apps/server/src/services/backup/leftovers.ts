import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** Prefix of the folder (in DATA_DIR) where a running backup keeps its database snapshot. */
export const STAGING_PREFIX = '.textai-backup-staging-';
/** Prefix of the file (in BACKUP_DIR) a running backup writes before linking it into place. */
export const PARTIAL_PREFIX = '.textai-backup-partial-';

/** Older than this, a staging folder or partial file belongs to a run that was killed. */
const STALE_MS = 24 * 3_600_000;

/**
 * Removes what a killed backup left behind (a normal run removes its own in a finally): the
 * database snapshot folder in DATA_DIR — a plain copy of the database — and the half-written file
 * in BACKUP_DIR. Only our prefixes, and only when a day old, so a backup running now in another
 * process (a scheduled one beside a manual one) keeps its files.
 */
export async function removeLeftovers(dataDir: string, backupDir: string, now: number): Promise<void> {
  for (const [dir, prefix] of [
    [dataDir, STAGING_PREFIX],
    [backupDir, PARTIAL_PREFIX],
  ] as const) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.startsWith(prefix))) {
      const full = path.join(dir, name);
      const info = await stat(full).catch(() => undefined);
      if (info !== undefined && now - info.mtimeMs > STALE_MS)
        await rm(full, { recursive: true, force: true });
    }
  }
}
