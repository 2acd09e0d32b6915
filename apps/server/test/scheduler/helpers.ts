import { startScheduledWork } from '../../src/services/scheduler/scheduled-work.ts';
import type { SchedulerLog } from '../../src/services/scheduler/scheduler.ts';
import type { TestApp } from '../helpers/app.ts';
import { until } from '../helpers/until.ts';

export interface LogLine {
  level: 'debug' | 'warn' | 'error';
  message: string;
  details: Record<string, unknown>;
}

/** A scheduler log that keeps its lines for the test to read. */
export function recordingLog(): { log: SchedulerLog; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (details: Record<string, unknown>, message: string): void => {
      lines.push({ level, message, details });
    };
  return { log: { debug: at('debug'), warn: at('warn'), error: at('error') }, lines };
}

/**
 * Starts the app's scheduled work as a server does, until the retention task has logged one purge,
 * then stops it. Returns that purge's counts, and the errors logged meanwhile (expected none).
 */
export async function retentionRun(
  t: TestApp,
): Promise<{ purged: Record<string, unknown>; errors: LogLine[] }> {
  const recording = recordingLog();
  const purged: Record<string, unknown>[] = [];
  const scheduled = startScheduledWork({
    config: t.config,
    storage: t.storage,
    services: t.app.services,
    clock: t.clock,
    log: {
      ...recording.log,
      info: (details, message) => {
        if (message === 'expired data purged') purged.push(details);
      },
    },
  });
  try {
    await until(() => purged.length > 0, 'the retention run', 20_000);
  } finally {
    await scheduled.stop();
  }
  const errors = recording.lines.filter((line) => line.level === 'error');
  return { purged: purged[0] ?? {}, errors };
}
