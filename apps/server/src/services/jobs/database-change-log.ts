import { describeUnreachable } from '../../storage/unreachable.ts';
import type { DatabaseChange } from './database-reachability.ts';

/** The two levels used; pino's and Fastify's loggers both fit. */
interface ChangeLogger {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

/**
 * One line per change of the job runner's view of the database. The outage is a warning without a
 * stack: a refused or dropped connection is the operator's to fix, and its stack says nothing about
 * where; the cause (code and message) is what helps.
 */
export function logDatabaseChange(log: ChangeLogger, change: DatabaseChange): void {
  if (change.reachable) {
    log.info({ down_ms: change.downMs }, 'the database answers again: job work resumes');
    return;
  }
  log.warn(
    { context: change.context, reason: describeUnreachable(change.error) },
    'the database is unreachable: job work waits for it (logged again when it answers)',
  );
}
