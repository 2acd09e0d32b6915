import type { ScheduledTask } from '../../src/services/scheduler/scheduler.ts';

/**
 * The task both the killed process and the test's scheduler run: a period so long that the one due
 * time both see at start (the current period's) is the only one during a test.
 */
export const HOLDER_TASK: Pick<ScheduledTask, 'name' | 'schedule'> = {
  name: 'takeover',
  schedule: { everyMs: 365 * 86_400_000 },
};
