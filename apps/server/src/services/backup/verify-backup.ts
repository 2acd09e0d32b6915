import { BackupError } from './errors.ts';
import type { BackupManifest } from './types.ts';

export function verifyBackup(_file: string, _key: string | undefined): Promise<BackupManifest> {
  return Promise.reject(new BackupError('io', 'backups are not implemented yet'));
}
