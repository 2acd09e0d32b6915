import { readArchive } from './archive/read-archive.ts';
import { asBackupErrors } from './errors.ts';
import type { BackupManifest } from './types.ts';

/**
 * Checks a backup without restoring it: header, key, every segment's authentication tag (or
 * checksum), the manifest, and every entry's size and SHA-256. Writes nothing. Throws BackupError
 * saying what is wrong: not a backup, needs a key, wrong key, truncated or corrupted.
 */
export function verifyBackup(file: string, key: string | undefined): Promise<BackupManifest> {
  return asBackupErrors('verification', () => readArchive(file, key));
}
