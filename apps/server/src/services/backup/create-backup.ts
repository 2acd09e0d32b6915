import type { Config } from '../../config.ts';
import { BackupError } from './errors.ts';
import type { BackupResult } from './types.ts';

export function createBackup(_config: Config, _options: { now?: number } = {}): Promise<BackupResult> {
  return Promise.reject(new BackupError('io', 'backups are not implemented yet'));
}
