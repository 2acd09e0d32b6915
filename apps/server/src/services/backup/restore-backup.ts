import { BackupError } from './errors.ts';
import type { BackupManifest, RestoreTarget } from './types.ts';

export function restoreBackup(
  _file: string,
  _key: string | undefined,
  _target: RestoreTarget,
): Promise<BackupManifest> {
  return Promise.reject(new BackupError('io', 'backups are not implemented yet'));
}
