import { scrypt } from 'node:crypto';
import { BackupError } from '../errors.ts';
import { scryptMemory, type ScryptParams } from './header.ts';

export interface BackupKeys {
  /** AES-256-GCM key of the records. */
  encryption: Buffer;
  /** HMAC key of the header check (tells a wrong key from a damaged file). */
  check: Buffer;
}

/** BACKUP_KEY shorter than this is refused in production (and warned about elsewhere). */
export const MIN_PRODUCTION_KEY_CHARS = 32;

/**
 * Two independent 256-bit keys from BACKUP_KEY and the file's random salt. scrypt makes guessing a
 * human-chosen BACKUP_KEY from a stolen backup slow; a random salt per file means two backups never
 * share a key, so GCM nonces can never repeat across files.
 */
export function deriveKeys(secret: string, salt: Buffer, params: ScryptParams): Promise<BackupKeys> {
  if (secret.length === 0) throw new BackupError('key-required', 'BACKUP_KEY is empty');
  return new Promise((resolve, reject) => {
    scrypt(
      Buffer.from(secret, 'utf8'),
      salt,
      64,
      { N: 2 ** params.log2N, r: params.r, p: params.p, maxmem: scryptMemory(params) + 1024 * 1024 },
      (error, derived) => {
        if (error) reject(new BackupError('io', `could not derive the backup key: ${error.message}`));
        else resolve({ encryption: derived.subarray(0, 32), check: derived.subarray(32, 64) });
      },
    );
  });
}
