import type { HistoryEntry, HistoryRepository } from '../../storage/repositories.ts';
import { isDatabaseUnreachable } from '../../storage/unreachable.ts';
import { DatabaseReachability, type ReachabilityReports } from '../database-reachability.ts';

/** While the database is unreachable, a failed batch is tried again this often. */
const RETRY_MS = 1_000;
/** Entries kept for the retry at most (a long outage must not grow memory without bound). */
const MAX_PENDING = 50_000;
/** The context reported with the recorder's failures. */
const CONTEXT = 'writing history';

export interface HistoryRecorderOptions {
  /** Clock of the outage's duration (down_ms). */
  now?: () => number;
  intervalMs?: number;
  maxBuffered?: number;
}

/**
 * Write-behind for history: entries are buffered and written in one transaction every
 * `intervalMs` (or as soon as `maxBuffered` wait), so a tool call does not pay for its own
 * database round trip. Reads of history call flush() first, so a user always sees their own
 * calls; shutdown flushes; a crash loses at most one interval of history, never anything else.
 * While the database is unreachable (stopped, restarting) the entries are kept and written once it
 * is back, so an outage loses no history of the calls answered meanwhile (up to MAX_PENDING).
 */
export class HistoryRecorder {
  private buffer: HistoryEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Whether the last write failed for want of the database: the retry timer then writes. */
  private unreachable = false;
  /** Reports an outage once when it starts and once when a write lands again (with onChange). */
  private readonly database: DatabaseReachability;
  private readonly intervalMs: number;
  private readonly maxBuffered: number;

  /**
   * `reports.onError` gets failures that are not an outage, each time with their error; with
   * `reports.onChange` an outage is reported as a change, not as an error per retry.
   */
  constructor(
    private readonly repo: HistoryRepository,
    private readonly reports: ReachabilityReports,
    options: HistoryRecorderOptions = {},
  ) {
    this.database = new DatabaseReachability(reports, options.now ?? Date.now);
    this.intervalMs = options.intervalMs ?? 25;
    this.maxBuffered = options.maxBuffered ?? 100;
  }

  add(entry: HistoryEntry): void {
    this.buffer.push(entry);
    // While the database is away the retry timer writes the buffer, not an attempt per call.
    if (this.unreachable) return;
    if (this.buffer.length >= this.maxBuffered) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  /** Writes everything buffered so far; resolves when it is in the database. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    this.writing = this.writing.then(async () => {
      if (batch.length === 0) return;
      try {
        await this.repo.insertMany(batch);
        this.database.answered();
        if (this.unreachable && this.buffer.length > 0) {
          // Calls made while the last retry was under way were left for it: write them now.
          this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
        }
        this.unreachable = false;
      } catch (error) {
        const away = isDatabaseUnreachable(error);
        this.database.failed(error, CONTEXT);
        this.unreachable = away;
        if (away) this.keepForRetry(batch);
      }
    });
    return this.writing;
  }

  /**
   * Puts a batch the database did not take back in front of the buffer and tries again later.
   * insertMany skips ids already stored, so a batch whose commit landed but whose answer was lost
   * with the connection is not written twice.
   */
  private keepForRetry(batch: HistoryEntry[]): void {
    const pending = [...batch, ...this.buffer];
    const dropped = pending.length - MAX_PENDING;
    if (dropped > 0)
      this.reports.onError?.(
        new Error(`history: ${dropped} entries dropped while the database was unreachable`),
        CONTEXT,
      );
    this.buffer = dropped > 0 ? pending.slice(dropped) : pending;
    if (this.timer === undefined) {
      this.timer = setTimeout(() => void this.flush(), RETRY_MS);
      // A retry must not keep a process alive that is otherwise done.
      this.timer.unref();
    }
  }
}
