import type { Tier } from '../../config.ts';
import type { CounterStore } from './counter-store.ts';

export interface LimitState {
  allowed: boolean;
  /** null: unlimited (admins). */
  limit: number | null;
  remaining: number | null;
  /** Epoch seconds when the window resets. */
  resetAt: number;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * Fixed windows: requests per clock hour and batch rows per UTC day, per subject (an API key, a
 * user or a guest's IP). Fixed windows (not sliding) keep it to one atomic counter per subject,
 * which is what makes the limit exact across processes.
 */
export class RateLimiter {
  constructor(
    private readonly store: CounterStore,
    private readonly hourly: Record<Tier, number>,
    private readonly dailyRows: Record<Tier, number>,
    private readonly now: () => number = Date.now,
  ) {}

  async consumeRequest(subject: string, tier: Tier): Promise<LimitState> {
    const limit = this.hourly[tier];
    const windowStart = Math.floor(this.now() / HOUR) * HOUR;
    const resetAt = (windowStart + HOUR) / 1000;
    if (!Number.isFinite(limit)) return { allowed: true, limit: null, remaining: null, resetAt };
    const count = await this.store.increment(`rl:h:${subject}:${windowStart}`, 1, HOUR);
    return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetAt };
  }

  /** Reserves `rows` of today's budget; a refused reservation is given back. */
  async consumeRows(subject: string, tier: Tier, rows: number): Promise<LimitState> {
    const { limit, key, resetAt } = this.rowWindow(subject, tier);
    if (!Number.isFinite(limit)) return { allowed: true, limit: null, remaining: null, resetAt };
    const count = await this.store.increment(key, rows, DAY);
    if (count > limit) {
      const after = await this.store.increment(key, -rows, DAY);
      return { allowed: false, limit, remaining: Math.max(0, limit - after), resetAt };
    }
    return { allowed: true, limit, remaining: limit - count, resetAt };
  }

  /** What is left of today's row budget, reserving nothing (consumeRows makes the charge). */
  async rowsLeft(subject: string, tier: Tier): Promise<LimitState> {
    const { limit, key, resetAt } = this.rowWindow(subject, tier);
    if (!Number.isFinite(limit)) return { allowed: true, limit: null, remaining: null, resetAt };
    const remaining = Math.max(0, limit - (await this.store.get(key)));
    return { allowed: remaining > 0, limit, remaining, resetAt };
  }

  private rowWindow(subject: string, tier: Tier): { limit: number; key: string; resetAt: number } {
    const windowStart = Math.floor(this.now() / DAY) * DAY;
    return {
      limit: this.dailyRows[tier],
      key: `rl:d:${subject}:${windowStart}`,
      resetAt: (windowStart + DAY) / 1000,
    };
  }
}
