import path from 'node:path';

/**
 * Backup files are named by their creation time, `textai-backup-2026-01-20T03-00-00.000Z.tbk`, so
 * listing and retention need neither open files nor trust modification times (a copy or a restore
 * from tape changes those). Anything else in the folder is not ours and is never touched.
 */
const PREFIX = 'textai-backup-';
const EXTENSION = '.tbk';
const NAME_PATTERN = /^textai-backup-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})\.(\d{3})Z\.tbk$/;

export function backupFileName(createdAt: number): string {
  const stamp = new Date(createdAt).toISOString().replaceAll(':', '-');
  return `${PREFIX}${stamp}${EXTENSION}`;
}

/** The creation time a backup file's name carries, or undefined when the name is not ours. */
export function createdAtFromName(file: string): number | undefined {
  const match = NAME_PATTERN.exec(path.basename(file));
  if (match === null) return undefined;
  const [, date, hours, minutes, seconds, millis] = match;
  const time = Date.parse(`${date}T${hours}:${minutes}:${seconds}.${millis}Z`);
  return Number.isNaN(time) ? undefined : time;
}
