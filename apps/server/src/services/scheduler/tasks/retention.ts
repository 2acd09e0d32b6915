import type { ScheduledTask } from '../scheduler.ts';

interface Purgeable {
  purgeExpired(): Promise<number>;
}

export interface RetentionPurges {
  sessions: Purgeable;
  history: Purgeable;
  jobs: Purgeable;
  audit: Purgeable;
  /** Password-reset links used or expired. */
  resets: Purgeable;
}

/**
 * Hourly: expired sessions, history past HISTORY_RETENTION_DAYS, jobs past JOB_RETENTION_DAYS,
 * audit-log entries past AUDIT_RETENTION_DAYS, and reset links that can no longer be used.
 */
export function retentionTask(
  purgeable: RetentionPurges,
  log: (details: Record<string, unknown>, message: string) => void,
): ScheduledTask {
  return {
    name: 'retention',
    schedule: { everyMs: 3_600_000 },
    async run() {
      const [sessions, history, jobs, audit, resets] = await Promise.all([
        purgeable.sessions.purgeExpired(),
        purgeable.history.purgeExpired(),
        purgeable.jobs.purgeExpired(),
        purgeable.audit.purgeExpired(),
        purgeable.resets.purgeExpired(),
      ]);
      if (sessions + history + jobs + audit + resets > 0)
        log({ sessions, history, jobs, audit, resets }, 'expired data purged');
    },
  };
}
