import { Cron } from 'croner';

/** When a task comes due: a cron expression (server's local time), or every `everyMs` milliseconds. */
export type Schedule = { cron: string } | { everyMs: number };

/**
 * Due times are computed, not counted from each process's start: every process derives the same
 * due times from the same schedule (cron times, or multiples of the interval since the epoch), which
 * is what lets the database tell "this due time already ran" apart from "a new one".
 */
export class DueTimes {
  private readonly cron: Cron | undefined;

  constructor(readonly schedule: Schedule) {
    if ('cron' in schedule) this.cron = new Cron(schedule.cron);
    else if (!(schedule.everyMs >= 1000)) throw new RangeError('an interval schedule needs everyMs ≥ 1000');
  }

  /** The first due time strictly after `after`, or undefined when there is none. */
  next(after: number): number | undefined {
    if (this.cron !== undefined) return this.cron.nextRun(new Date(after))?.getTime();
    const every = (this.schedule as { everyMs: number }).everyMs;
    return Math.floor(after / every) * every + every;
  }

  /**
   * For an interval, the start of the period `now` falls in (a process that starts mid-period runs
   * it at once if nobody has); for a cron expression, undefined (it waits for its next time).
   */
  current(now: number): number | undefined {
    if (this.cron !== undefined) return undefined;
    const every = (this.schedule as { everyMs: number }).everyMs;
    return Math.floor(now / every) * every;
  }
}
