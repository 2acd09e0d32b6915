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

/**
 * Runs one public operation so that every failure reaches the caller as a BackupError: a full
 * disk or a permission problem is an operator's problem to fix, not a crash with a stack trace.
 */
export async function asBackupErrors<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new BackupError('io', `${operation} failed: ${detail}`);
  }
}
