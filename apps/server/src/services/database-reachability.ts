import { isDatabaseUnreachable } from '../storage/unreachable.ts';

/** The database stopped answering (with the outage's first error), or answers again. */
export type DatabaseChange =
  { reachable: false; error: unknown; context: string } | { reachable: true; downMs: number };

export interface ReachabilityReports {
  /** Errors that are not the database being away: each one, with its stack. */
  onError?: ((error: unknown, context: string) => void) | undefined;
  /** Once per change. Without it, outage errors go to onError like any other. */
  onChange?: ((change: DatabaseChange) => void) | undefined;
}

/**
 * Sorts background work's failures into "the database is away" and everything else. The job
 * runner polls every couple of seconds and the history recorder retries every second, so an outage
 * would otherwise repeat the same connection error (and its stack) at every attempt for as long as
 * it lasts: it is reported once when it starts and once when a query answers again. Errors of any
 * other kind are still reported each time.
 */
export class DatabaseReachability {
  private downSince: number | undefined;

  constructor(
    private readonly reports: ReachabilityReports,
    private readonly now: () => number,
  ) {}

  get reachable(): boolean {
    return this.downSince === undefined;
  }

  /** Work that used the database failed with `error`. */
  failed(error: unknown, context: string): void {
    const { onError, onChange } = this.reports;
    if (onChange === undefined || !isDatabaseUnreachable(error)) {
      onError?.(error, context);
      return;
    }
    if (this.downSince !== undefined) return;
    this.downSince = this.now();
    onChange({ reachable: false, error, context });
  }

  /** A query answered: the database is there. Call it only after a real round trip. */
  answered(): void {
    if (this.downSince === undefined) return;
    const downMs = this.now() - this.downSince;
    this.downSince = undefined;
    this.reports.onChange?.({ reachable: true, downMs });
  }
}
