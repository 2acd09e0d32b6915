import { AppError } from '../errors.ts';
import type { CounterStore } from './counter-store.ts';

/** An attempt in flight is forgotten after this long even if its process died before finishing it. */
const IN_FLIGHT_TTL_MS = 60_000;

interface Budget {
  failures: string;
  inFlight: string;
  max: number;
}

/**
 * Failed-login budgets per account and per client IP, and a signup budget per IP. An account's
 * budget is counted whether or not the account exists, so the throttle does not reveal which
 * usernames are real.
 *
 * Attempts still being checked count against the budget too. Reading the failures and adding one
 * after the password check let a burst of guesses fired together all read "no failures yet", and
 * every one of them was tried; now each attempt takes a place atomically first, so however many
 * arrive at once, at most the budget are checked.
 */
export class LoginThrottle {
  constructor(
    private readonly store: CounterStore,
    private readonly limits: {
      accountFailures: number;
      ipFailures: number;
      windowMs: number;
      signupsPerIp: number;
    },
  ) {}

  /**
   * Takes a place for one attempt, or refuses: 429 for the whole window once the failures used the
   * budget up, or 429 for a second when only attempts in flight fill it (they may yet succeed).
   * Every taken place ends with recordFailure, recordSuccess or cancelAttempt.
   */
  async takeAttempt(username: string, ip: string): Promise<void> {
    const budgets = this.budgets(username, ip);
    // In flight first, failures second: an attempt that ends in between is seen twice, never not at all.
    const inFlight = await Promise.all(
      budgets.map((b) => this.store.increment(b.inFlight, 1, IN_FLIGHT_TTL_MS)),
    );
    const failures = await Promise.all(budgets.map((b) => this.store.get(b.failures)));
    const spent = budgets.some((b, i) => (failures[i] ?? 0) >= b.max);
    const full = budgets.some((b, i) => (failures[i] ?? 0) + (inFlight[i] ?? 0) > b.max);
    if (spent || full) {
      await this.release(budgets);
      throw spent ? this.tooMany() : this.busy();
    }
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const budgets = this.budgets(username, ip);
    // Counted as a failure before it stops counting as in flight (see takeAttempt).
    await Promise.all(budgets.map((b) => this.store.increment(b.failures, 1, this.limits.windowMs)));
    await this.release(budgets);
  }

  /** A successful login clears the account's failures (the address keeps its own). */
  async recordSuccess(username: string, ip: string): Promise<void> {
    const budgets = this.budgets(username, ip);
    await this.store.delete(this.accountKey(username));
    await this.release(budgets);
  }

  /**
   * Gives back an attempt whose password was never judged (the database could not be read): an
   * outage must not count against the account and lock it out after it ends.
   */
  async cancelAttempt(username: string, ip: string): Promise<void> {
    await this.release(this.budgets(username, ip));
  }

  async checkSignup(ip: string): Promise<void> {
    const count = await this.store.increment(`signup:ip:${ip}`, 1, 3_600_000);
    if (count > this.limits.signupsPerIp) throw this.tooMany(3_600_000);
  }

  private accountKey(username: string): string {
    return `login:user:${username.toLowerCase()}`;
  }

  private budgets(username: string, ip: string): Budget[] {
    const account = this.accountKey(username);
    return [
      { failures: account, inFlight: `${account}:in-flight`, max: this.limits.accountFailures },
      { failures: `login:ip:${ip}`, inFlight: `login:ip:${ip}:in-flight`, max: this.limits.ipFailures },
    ];
  }

  /** Gives the places back; a counter that expired meanwhile is not left below zero. */
  private async release(budgets: readonly Budget[]): Promise<void> {
    await Promise.all(
      budgets.map(async (b) => {
        const after = await this.store.increment(b.inFlight, -1, IN_FLIGHT_TTL_MS);
        if (after < 0) await this.store.delete(b.inFlight);
      }),
    );
  }

  private busy(): AppError {
    return new AppError(
      429,
      'TOO_MANY_ATTEMPTS',
      'too many login attempts at once; try again in a moment',
      undefined,
      { 'Retry-After': '1' },
    );
  }

  private tooMany(windowMs = this.limits.windowMs): AppError {
    const minutes = Math.ceil(windowMs / 60_000);
    return new AppError(
      429,
      'TOO_MANY_ATTEMPTS',
      `too many attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      undefined,
      { 'Retry-After': String(Math.ceil(windowMs / 1000)) },
    );
  }
}
