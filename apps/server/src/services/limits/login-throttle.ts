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

  async checkLogin(username: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([
      this.store.get(this.accountKey(username)),
      this.store.get(`login:ip:${ip}`),
    ]);
    if (account >= this.limits.accountFailures || address >= this.limits.ipFailures) throw this.tooMany();
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    await Promise.all([
      this.store.increment(this.accountKey(username), 1, this.limits.windowMs),
      this.store.increment(`login:ip:${ip}`, 1, this.limits.windowMs),
    ]);
  }

  async recordSuccess(username: string): Promise<void> {
    await this.store.delete(this.accountKey(username));
  }

  async checkSignup(ip: string): Promise<void> {
    const count = await this.store.increment(`signup:ip:${ip}`, 1, 3_600_000);
    if (count > this.limits.signupsPerIp) throw this.tooMany(3_600_000);
  }

  private accountKey(username: string): string {
    return `login:user:${username.toLowerCase()}`;
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
