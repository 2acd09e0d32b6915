import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, createTestApp, STRONG_PASSWORD, type TestApp } from '../../helpers/app.ts';
import { proofScale, recordFigures } from '../figures.ts';
import { ProbeTally } from './probe.ts';

const ROUNDS = Math.round(12 * proofScale());

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Login timing does not tell which usernames exist: at a realistic BCRYPT_COST (10), logins for a
 * missing user and for an existing user with a wrong password, interleaved in one run, take the
 * same time within noise (ratio of medians 0.7–1.4). A ratio measured in the same run, not a
 * timing assertion: without the dummy hash for missing users the ratio would be near 0.
 */
describe('login timing for a missing vs an existing user', { timeout: 90_000 }, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      BCRYPT_COST: '10',
      // Every attempt here fails on purpose: the throttle must not cut the run short.
      LOGIN_MAX_FAILURES: '1000',
      LOGIN_IP_MAX_FAILURES: '100000',
    });
    await t.app.services.accounts.createUser(
      { username: 'timed_user', email: 'timed@example.org', password: STRONG_PASSWORD, tier: 'user' },
      null,
    );
  });
  afterAll(() => t.close());

  it('takes as long for a missing user as for a wrong password', async () => {
    const tally = new ProbeTally('login timing');
    const client = new BrowserClient(t.app, '10.2.0.1');
    await client.fetchCsrf();
    const timed = async (username: string): Promise<number> => {
      const started = performance.now();
      const response = await client.request('POST', '/api/v1/auth/login', {
        username,
        password: 'not the password 123',
      });
      const elapsed = performance.now() - started;
      expect(response.statusCode).toBe(401);
      return elapsed;
    };
    // One warm-up of each (first-call costs), then interleaved so drift hits both alike.
    await timed('timed_user');
    await timed('nobody_here');
    const existing: number[] = [];
    const missing: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      if (i % 2 === 0) {
        existing.push(await timed('timed_user'));
        missing.push(await timed(`nobody_${i}`));
      } else {
        missing.push(await timed(`nobody_${i}`));
        existing.push(await timed('timed_user'));
      }
    }
    const ratio = median(missing) / median(existing);
    recordFigures('security', [
      {
        name: `login timing at BCRYPT_COST 10 (${ROUNDS} each): median missing / existing`,
        value: `${ratio.toFixed(2)} (${median(missing).toFixed(0)} ms / ${median(existing).toFixed(0)} ms)`,
        target: '0.7–1.4',
        ok: ratio >= 0.7 && ratio <= 1.4,
      },
    ]);
    await tally.check('the ratio of medians is within noise', () => {
      expect(ratio).toBeGreaterThanOrEqual(0.7);
      expect(ratio).toBeLessThanOrEqual(1.4);
    });
    tally.finish(1);
  });
});
