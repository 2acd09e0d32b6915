/**
 * Backups of a TextAI Studio deployment: the database (an online, consistent snapshot) plus every
 * other file in DATA_DIR, in one compressed file encrypted with AES-256-GCM from BACKUP_KEY.
 * The CLI (`textai backup`, `textai restore`), the scheduler (BACKUP_SCHEDULE) and `textai doctor`
 * use only what this file exports. The file format is described in format/header.ts.
 */
export { createBackup } from './create-backup.ts';
export { verifyBackup } from './verify-backup.ts';
export { restoreBackup } from './restore-backup.ts';
export { listBackups, pruneBackups } from './retention.ts';
export { BackupError, type BackupErrorCode } from './errors.ts';
export type { BackupEntry, BackupInfo, BackupManifest, BackupResult, RestoreTarget } from './types.ts';
