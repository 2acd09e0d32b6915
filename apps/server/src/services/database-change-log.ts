import { describeUnreachable } from '../storage/unreachable.ts';
import type { DatabaseChange } from './database-reachability.ts';

/** The two levels used; pino's and Fastify's loggers both fit. */
interface ChangeLogger {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

/** Background work that waits out an outage, and what the log says of it then and after. */
const WORK = {
  jobs: { waiting: 'job work waits for it', resuming: 'job work resumes' },
  history: {
    waiting: 'history is kept in memory until it answers',
    resuming: 'the history kept meanwhile is written',
  },
} as const;

export type DatabaseWork = keyof typeof WORK;

/**
 * One line per change of a piece of background work's view of the database. The outage is a
 * warning without a stack: a refused or dropped connection is the operator's to fix, and its stack
 * says nothing about where; the cause (code and message) is what helps.
 */
export function logDatabaseChange(log: ChangeLogger, change: DatabaseChange, work: DatabaseWork): void {
  const words = WORK[work];
  if (change.reachable) {
    log.info({ work, down_ms: change.downMs }, `the database answers again: ${words.resuming}`);
    return;
  }
  log.warn(
    { work, context: change.context, reason: describeUnreachable(change.error) },
    `the database is unreachable: ${words.waiting} (logged again when it answers)`,
  );
}
