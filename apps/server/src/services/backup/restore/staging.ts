import { mkdir, mkdtemp, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { BackupError } from '../errors.ts';
import { syncPath } from '../files.ts';

/**
 * A private folder (0700) beside the restore target that the restore fills; `commit` moves its
 * `data` folder into place in one rename, so an interrupted restore never leaves a half-filled
 * data folder that a server could start on.
 */
export interface Staging {
  /** Becomes the data folder at commit. */
  dataDir: string;
  /** Scratch space that is never committed (a PostgreSQL dump on its way to pg_restore). */
  scratch: string;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/** Refuses a target that exists and is not an empty folder: a restore never overwrites data. */
export async function assertFreshFolder(dataDir: string): Promise<void> {
  const info = await stat(dataDir).catch(() => undefined);
  if (info === undefined) return;
  if (!info.isDirectory()) throw new BackupError('target-not-empty', `${dataDir} exists and is not a folder`);
  if ((await readdir(dataDir)).length > 0)
    throw new BackupError(
      'target-not-empty',
      `${dataDir} is not empty; restore into a new or empty folder (it never overwrites data)`,
    );
}

export async function createStaging(target: string): Promise<Staging> {
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true, mode: 0o700 });
  const root = await mkdtemp(path.join(parent, `.${path.basename(target)}.restoring-`));
  const dataDir = path.join(root, 'data');
  await mkdir(dataDir, { mode: 0o700 });
  const discard = () => rm(root, { recursive: true, force: true });
  return {
    dataDir,
    scratch: root,
    async commit() {
      await assertFreshFolder(target);
      await rmdir(target).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      await rename(dataDir, target);
      await syncPath(parent);
      await discard();
    },
    discard,
  };
}
