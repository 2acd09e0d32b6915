import { AppError } from '../errors.ts';
import type { CounterStore } from './counter-store.ts';

interface Budget {
  /** Failures plus attempts still being checked: what admission counts, atomically. */
  attempts: string;
  /** Failures alone: whether a refusal lasts the window or a moment. */
  failures: string;
  max: number;
}

/**
 * Failed-login budgets per account and per client IP, and a signup budget per IP. An account's
 * budget is counted whether or not the account exists, so the throttle does not reveal which
 * usernames are real.
 *
 * Attempts still being checked count against the budget too: each takes its place with one atomic
 * increment before the password is hashed. Reading the failures and adding one after the check let
 * a burst of guesses fired together all read "no failures yet", and every one of them was tried;
 * now however many arrive at once, exactly the budget are checked.
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
   * Takes a place for one attempt, or refuses: 429 for the whole window once failures used the
   * budget up, or 429 for a second when attempts in flight fill it (they may yet succeed). Every
   * place taken ends with recordFailure, recordSuccess or cancelAttempt.
   */
  async takeAttempt(username: string, ip: string): Promise<void> {
    const budgets = this.budgets(username, ip);
    const { windowMs } = this.limits;
    const attempts = await Promise.all(budgets.map((b) => this.store.increment(b.attempts, 1, windowMs)));
    if (budgets.every((b, i) => (attempts[i] ?? 0) <= b.max)) return;
    await this.release(budgets);
    const failures = await Promise.all(budgets.map((b) => this.store.get(b.failures)));
    throw budgets.some((b, i) => (failures[i] ?? 0) >= b.max) ? this.tooMany() : this.busy();
  }

  /** A failed attempt keeps its place for the window. */
  async recordFailure(username: string, ip: string): Promise<void> {
    const budgets = this.budgets(username, ip);
    await Promise.all(budgets.map((b) => this.store.increment(b.failures, 1, this.limits.windowMs)));
  }

  /** A successful login clears the account's failures and gives the address its place back. */
  async recordSuccess(username: string, ip: string): Promise<void> {
    const [account, address] = this.budgets(username, ip);
    await Promise.all([
      this.store.delete(account.attempts),
      this.store.delete(account.failures),
      this.release([address]),
    ]);
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

  private budgets(username: string, ip: string): [account: Budget, address: Budget] {
    const account = this.accountKey(username);
    const address = `login:ip:${ip}`;
    return [
      { attempts: account, failures: `${account}:failures`, max: this.limits.accountFailures },
      { attempts: address, failures: `${address}:failures`, max: this.limits.ipFailures },
    ];
  }

  /** Gives the places back; a counter whose window ended meanwhile is not left below zero. */
  private async release(budgets: readonly Budget[]): Promise<void> {
    await Promise.all(
      budgets.map(async (b) => {
        const after = await this.store.increment(b.attempts, -1, this.limits.windowMs);
        if (after < 0) await this.store.delete(b.attempts);
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
