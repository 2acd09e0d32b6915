import type { HistoryEntry, HistoryRepository } from '../../storage/repositories.ts';

/**
 * Write-behind for history: entries are buffered and written in one transaction every
 * `intervalMs` (or as soon as `maxBuffered` wait), so a tool call does not pay for its own
 * database round trip. Reads of history call flush() first, so a user always sees their own
 * calls; shutdown flushes; a crash loses at most one interval of history, never anything else.
 */
export class HistoryRecorder {
  private buffer: HistoryEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly repo: HistoryRepository,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = 25,
    private readonly maxBuffered = 100,
  ) {}

  add(entry: HistoryEntry): void {
    this.buffer.push(entry);
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
      } catch (error) {
        this.onError(error);
      }
    });
    return this.writing;
  }
}
