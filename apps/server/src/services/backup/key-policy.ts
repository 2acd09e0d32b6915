import { looksLikeExample, type Config } from '../../config.ts';
import { BackupError } from './errors.ts';
import { MIN_PRODUCTION_KEY_CHARS } from './format/keys.ts';

/**
 * The BACKUP_KEY a new backup is sealed with, or undefined for an unencrypted one. Backups hold
 * password hashes, API key hashes and users' texts: production refuses to write them unencrypted
 * or under a short or example key. Elsewhere an unencrypted backup is allowed (the CLI warns).
 */
export function backupSecret(config: Config): string | undefined {
  const key = config.backup.key;
  if (config.appEnv !== 'production') return key;
  const advice = `set BACKUP_KEY to at least ${MIN_PRODUCTION_KEY_CHARS} random characters (openssl rand -hex 32)`;
  if (key === undefined)
    throw new BackupError(
      'key-required',
      `BACKUP_KEY is not set: backups are never written unencrypted in production; ${advice}`,
    );
  if (key.length < MIN_PRODUCTION_KEY_CHARS)
    throw new BackupError(
      'key-unsafe',
      `BACKUP_KEY is shorter than ${MIN_PRODUCTION_KEY_CHARS} characters; ${advice}`,
    );
  if (looksLikeExample(key)) throw new BackupError('key-unsafe', `BACKUP_KEY is an example value; ${advice}`);
  return key;
}
