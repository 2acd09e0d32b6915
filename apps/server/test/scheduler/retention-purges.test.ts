import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, STRONG_PASSWORD, type TestApp } from '../helpers/app.ts';
import { retentionRun } from './helpers.ts';

const DAY = 86_400_000;

/**
 * The hourly retention task, as a server schedules it, also purges the audit log past
 * AUDIT_RETENTION_DAYS and reset links that can no longer be used (used, or expired).
 */
describe('scheduled retention', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUDIT_RETENTION_DAYS: '30' });
  });
  afterAll(() => t.close());

  it('purges audit entries past AUDIT_RETENTION_DAYS and spent reset links', async () => {
    const { accounts, audit } = t.app.services;
    const user = await accounts.createUser(
      { username: 'forgetful', email: 'forgetful@example.org', password: STRONG_PASSWORD, tier: 'user' },
      null,
    );
    // 40 days ago: a link used at once, and one left to expire; each is audited.
    const used = await accounts.issueReset(user.id, null, null);
    await accounts.resetPassword(used.token, 'another strong passphrase here', '127.0.0.1');
    await accounts.issueReset(user.id, null, null);
    const old = await t.storage.audit.list({ limit: 100, offset: 0 });
    expect(old.total).toBeGreaterThanOrEqual(4);

    t.clock.advance(40 * DAY);
    await audit.record('login', { actorId: user.id, targetId: user.id, ip: '127.0.0.1' });
    const live = await accounts.issueReset(user.id, null, null);

    const run = await retentionRun(t);
    expect(run.errors).toEqual([]);
    expect(run.purged).toMatchObject({ audit: old.total, resets: 2 });
    const kept = await t.storage.audit.list({ limit: 100, offset: 0 });
    expect(kept.items.map((e) => e.event).sort()).toEqual(['login', 'password_reset_issued']);
    expect(kept.items.every((e) => e.createdAt >= t.clock.now() - 30 * DAY)).toBe(true);
    // The live link still works after the purge.
    await accounts.resetPassword(live.token, 'a third strong passphrase', '127.0.0.1');
  });
});
