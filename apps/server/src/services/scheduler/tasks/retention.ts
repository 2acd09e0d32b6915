import type { ScheduledTask } from '../scheduler.ts';

interface Purgeable {
  purgeExpired(): Promise<number>;
}

/** Expired sessions, history past HISTORY_RETENTION_DAYS, jobs past JOB_RETENTION_DAYS: hourly. */
export function retentionTask(
  purgeable: { sessions: Purgeable; history: Purgeable; jobs: Purgeable },
  log: (details: Record<string, unknown>, message: string) => void,
): ScheduledTask {
  return {
    name: 'retention',
    schedule: { everyMs: 3_600_000 },
    async run() {
      const [sessions, history, jobs] = await Promise.all([
        purgeable.sessions.purgeExpired(),
        purgeable.history.purgeExpired(),
        purgeable.jobs.purgeExpired(),
      ]);
      if (sessions + history + jobs > 0) log({ sessions, history, jobs }, 'expired data purged');
    },
  };
}
