/** Why a backup operation was refused or failed; lets callers (CLI, scheduler, doctor) branch on it. */
export type BackupErrorCode =
  | 'not-a-backup'
  | 'unsupported-format'
  | 'key-required'
  | 'key-unsafe'
  | 'wrong-key'
  | 'truncated'
  | 'corrupted'
  | 'target-not-empty'
  | 'incompatible-target'
  | 'source-changed'
  | 'integrity-check-failed'
  | 'io';

/**
 * A backup, verification or restore that cannot go on. The message is meant for an operator as is
 * (the CLI prints it after `textai:`) and never holds a key or a database password.
 */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}
