import type { SchedulerLog } from '../../src/services/scheduler/scheduler.ts';

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

/** Resolves once `condition` holds (checked every 50 ms); rejects after `timeoutMs` with `what`. */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
