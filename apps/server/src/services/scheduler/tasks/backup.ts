import type { Config } from '../../../config.ts';
import type { Clock } from '../../clock.ts';
import { createBackup, pruneBackups } from '../../backup/index.ts';
import type { ScheduledTask } from '../scheduler.ts';

export const BACKUP_TASK = 'backup';

/**
 * BACKUP_SCHEDULE: a backup, then backups past BACKUP_RETENTION_DAYS deleted (the newest is always
 * kept). A failure throws, so the scheduler logs it and does not record the run as a success (the
 * backup-age alert then notices).
 */
export function backupTask(
  config: Config,
  schedule: string,
  clock: Clock,
  log: (details: Record<string, unknown>, message: string) => void,
): ScheduledTask {
  return {
    name: BACKUP_TASK,
    schedule: { cron: schedule },
    async run() {
      const backup = await createBackup(config, { now: clock.now() });
      const pruned = await pruneBackups(config.backup.dir, config.backup.retentionDays, clock.now());
      log(
        { file: backup.file, bytes: backup.bytes, encrypted: backup.encrypted, pruned: pruned.length },
        'scheduled backup written',
      );
    },
  };
}
