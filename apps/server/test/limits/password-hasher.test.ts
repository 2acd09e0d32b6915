import bcrypt from 'bcrypt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PasswordHasher } from '../../src/services/accounts/password-hasher.ts';
import { AppError } from '../../src/services/errors.ts';

/**
 * The cap on concurrent bcrypt work: a flood of logins or signups must not take every core. The
 * real bcrypt runs under a spy that counts how many hashes are at work at the same moment.
 */
describe('password hashing under load', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Wraps bcrypt's hash and compare (the real ones) to record the most running at one moment. */
  function countConcurrentHashes(): { peak: () => number } {
    let running = 0;
    let peak = 0;
    const counted =
      <A extends unknown[], R>(work: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        running++;
        peak = Math.max(peak, running);
        try {
          return await work(...args);
        } finally {
          running--;
        }
      };
    const realHash = bcrypt.hash.bind(bcrypt) as (data: string, rounds: number) => Promise<string>;
    const realCompare = bcrypt.compare.bind(bcrypt) as (data: string, encrypted: string) => Promise<boolean>;
    vi.spyOn(bcrypt, 'hash').mockImplementation(counted(realHash) as typeof bcrypt.hash);
    vi.spyOn(bcrypt, 'compare').mockImplementation(counted(realCompare) as typeof bcrypt.compare);
    return { peak: () => peak };
  }

  it('runs at most `concurrency` hashes at once and queues the rest', async () => {
    const counter = countConcurrentHashes();
    const hasher = new PasswordHasher(4, 2, 100);
    const hashes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => hasher.hash(`passphrase number ${i}`)),
    );
    expect(counter.peak()).toBe(2);
    expect(new Set(hashes).size).toBe(12);
    expect(await hasher.verify('passphrase number 3', hashes[3] ?? '')).toBe(true);
  });

  it('counts the stand-in hash of a missing user’s first login against the cap too', async () => {
    const counter = countConcurrentHashes();
    const hasher = new PasswordHasher(4, 1, 100);
    const [, missing] = await Promise.all([
      hasher.hash('a real passphrase'),
      hasher.verifyNothing('someone guessing'),
      hasher.hash('another passphrase'),
    ]);
    expect(missing).toBe(false);
    expect(counter.peak()).toBe(1);
  });

  it('refuses work past a full queue with 503 SERVICE_BUSY and Retry-After, and recovers', async () => {
    countConcurrentHashes();
    const hasher = new PasswordHasher(4, 2, 3);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => hasher.hash(`passphrase number ${i}`)),
    );
    const refused = outcomes.filter((o) => o.status === 'rejected');
    // Two at work and three waiting are accepted; the other three are refused at once.
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
    expect(refused).toHaveLength(3);
    for (const r of refused) {
      const reason = (r as PromiseRejectedResult).reason as unknown;
      expect(reason).toBeInstanceOf(AppError);
      expect(reason).toMatchObject({
        statusCode: 503,
        code: 'SERVICE_BUSY',
        headers: { 'Retry-After': '5' },
      });
    }
    // The places are given back: the next burst of the same size gets the same answer.
    const again = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => hasher.hash(`again ${i}`)));
    expect(again.every((o) => o.status === 'fulfilled')).toBe(true);
  });
});
