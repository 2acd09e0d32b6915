import { AppError } from '../errors.ts';
import type { CounterStore } from './counter-store.ts';

/**
 * Failed-login budgets per account and per client IP, and a signup budget per IP. An account's
 * budget is counted whether or not the account exists, so the throttle does not reveal which
 * usernames are real.
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
   * Takes one attempt from the account's and the address's budgets before the password is checked,
   * and refuses when either is spent; a failed attempt simply stays counted. Taking it first (an
   * atomic increment) rather than reading the count and adding failures afterwards is what holds
   * under concurrency: with read-then-add, a burst of guesses fired together all read "no failures
   * yet" and every one of them was tried.
   */
  async takeAttempt(username: string, ip: string): Promise<void> {
    const { windowMs } = this.limits;
    const accountKey = this.accountKey(username);
    const ipKey = this.ipKey(ip);
    const [account, address] = await Promise.all([
      this.store.increment(accountKey, 1, windowMs),
      this.store.increment(ipKey, 1, windowMs),
    ]);
    if (account > this.limits.accountFailures || address > this.limits.ipFailures) {
      await Promise.all([this.giveBack(accountKey), this.giveBack(ipKey)]);
      throw this.tooMany();
    }
  }

  /** A successful login clears the account's failures and gives the address its attempt back. */
  async recordSuccess(username: string, ip: string): Promise<void> {
    await Promise.all([this.store.delete(this.accountKey(username)), this.giveBack(this.ipKey(ip))]);
  }

  /**
   * Gives back an attempt whose password was never judged (the database could not be read): an
   * outage must not count against the account and lock it out after it ends.
   */
  async cancelAttempt(username: string, ip: string): Promise<void> {
    await Promise.all([this.giveBack(this.accountKey(username)), this.giveBack(this.ipKey(ip))]);
  }

  async checkSignup(ip: string): Promise<void> {
    const count = await this.store.increment(`signup:ip:${ip}`, 1, 3_600_000);
    if (count > this.limits.signupsPerIp) throw this.tooMany(3_600_000);
  }

  private accountKey(username: string): string {
    return `login:user:${username.toLowerCase()}`;
  }

  private ipKey(ip: string): string {
    return `login:ip:${ip}`;
  }

  /** Returns an attempt; a window that ran out meanwhile is not left below zero. */
  private async giveBack(key: string): Promise<void> {
    const after = await this.store.increment(key, -1, this.limits.windowMs);
    if (after < 0) await this.store.delete(key);
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
