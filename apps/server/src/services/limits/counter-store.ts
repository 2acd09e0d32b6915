/**
 * Counters with an expiry, shared by the rate limiter and the login throttle. In memory for one
 * process; in Redis (REDIS_URL) so that every server process counts against the same budget.
 */
export interface CounterStore {
  /** Where the counters live: only a shared store can be unreachable. */
  readonly kind: 'memory' | 'redis';
  /** Adds `amount` (may be negative) and returns the new value; a new counter lives `ttlMs`. */
  increment(key: string, amount: number, ttlMs: number): Promise<number>;
  get(key: string): Promise<number>;
  delete(key: string): Promise<void>;
  /** Rejects when the shared store cannot be reached (/readyz reports it). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class MemoryCounterStore implements CounterStore {
  readonly kind = 'memory';
  private readonly counters = new Map<string, { value: number; expiresAt: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  increment(key: string, amount: number, ttlMs: number): Promise<number> {
    const now = this.now();
    const current = this.counters.get(key);
    if (current === undefined || current.expiresAt <= now) {
      this.counters.set(key, { value: amount, expiresAt: now + ttlMs });
      return Promise.resolve(amount);
    }
    current.value += amount;
    return Promise.resolve(current.value);
  }

  get(key: string): Promise<number> {
    const current = this.counters.get(key);
    return Promise.resolve(current === undefined || current.expiresAt <= this.now() ? 0 : current.value);
  }

  delete(key: string): Promise<void> {
    this.counters.delete(key);
    return Promise.resolve();
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    clearInterval(this.sweeper);
    return Promise.resolve();
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, counter] of this.counters) if (counter.expiresAt <= now) this.counters.delete(key);
  }
}
