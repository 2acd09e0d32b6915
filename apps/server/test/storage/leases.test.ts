import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, type OpenedStorage } from '../../src/storage/index.ts';
import { testDialects, type TestDatabase } from '../helpers/databases.ts';

const dialects = await testDialects('lease storage');
const T0 = Date.UTC(2026, 10, 20, 3);
const TTL = 30_000;

describe.each(dialects)('leases on $name', ({ make, skip }) => {
  let database: TestDatabase;
  let storage: OpenedStorage;
  // A second connection pool or file handle, as a second process would have.
  let other: OpenedStorage;

  beforeAll(async () => {
    if (skip) return;
    database = await make();
    storage = openStorage(database.target);
    await storage.migrate();
    other = openStorage(database.target);
  });
  afterAll(async () => {
    if (skip) return;
    await other.close();
    await storage.close();
    await database.drop();
  });

  it.skipIf(skip)('gives a free lease to one holder and refuses the others until it runs out', async () => {
    const name = 'plain';
    expect(await storage.leases.acquire({ name, holder: 'a', now: T0, ttlMs: TTL })).toBe(true);
    expect(await other.leases.acquire({ name, holder: 'b', now: T0 + 1, ttlMs: TTL })).toBe(false);
    // Already its own: renewed by acquiring again.
    expect(await storage.leases.acquire({ name, holder: 'a', now: T0 + 2, ttlMs: TTL })).toBe(true);
    expect((await other.leases.get(name))?.expiresAt).toBe(T0 + 2 + TTL);
    expect(await other.leases.acquire({ name, holder: 'b', now: T0 + 2 + TTL - 1, ttlMs: TTL })).toBe(false);
    // Ran out (its holder stopped renewing): the next claimer takes it over.
    expect(await other.leases.acquire({ name, holder: 'b', now: T0 + 2 + TTL, ttlMs: TTL })).toBe(true);
    expect((await storage.leases.get(name))?.holder).toBe('b');
  });

  it.skipIf(skip)('renews only for its holder, and a release frees it at once', async () => {
    const name = 'renewed';
    expect(await storage.leases.acquire({ name, holder: 'a', now: T0, ttlMs: TTL })).toBe(true);
    expect(await storage.leases.renew(name, 'a', T0 + 20_000, TTL)).toBe(true);
    expect(await other.leases.renew(name, 'b', T0 + 20_000, TTL)).toBe(false);
    expect(await other.leases.acquire({ name, holder: 'b', now: T0 + 40_000, ttlMs: TTL })).toBe(false);
    await other.leases.release(name, 'b'); // not b's: nothing happens
    expect(await other.leases.acquire({ name, holder: 'b', now: T0 + 40_001, ttlMs: TTL })).toBe(false);
    await storage.leases.release(name, 'a');
    expect(await other.leases.acquire({ name, holder: 'b', now: T0 + 40_002, ttlMs: TTL })).toBe(true);
    expect(await storage.leases.renew(name, 'a', T0 + 40_003, TTL)).toBe(false);
  });

  it.skipIf(skip)('lets each due time be claimed once, however many claimers there are', async () => {
    const name = 'every-minute';
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 === 0 ? storage : other).leases.acquire({
          name,
          holder: `h${i}`,
          now: T0,
          ttlMs: TTL,
          dueAt: T0,
        }),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = (await storage.leases.get(name))?.holder ?? '';
    await storage.leases.release(name, winner, { finishedDueAt: T0, succeededAt: T0 + 5 });
    // Finished and released: the same due time is not run again, by anyone.
    for (const holder of [winner, 'late'])
      expect(await other.leases.acquire({ name, holder, now: T0 + 10, ttlMs: TTL, dueAt: T0 })).toBe(false);
    // The next due time is free for whoever comes first.
    expect(
      await other.leases.acquire({ name, holder: 'late', now: T0 + 60_000, ttlMs: TTL, dueAt: T0 + 60_000 }),
    ).toBe(true);
    expect(await storage.leases.get(name)).toMatchObject({
      holder: 'late',
      dueAt: T0 + 60_000,
      finishedDueAt: T0,
      succeededAt: T0 + 5,
    });
  });

  it.skipIf(skip)('hands an unfinished run to another holder once the first one stops renewing', async () => {
    const name = 'backup';
    expect(await storage.leases.acquire({ name, holder: 'dead', now: T0, ttlMs: TTL, dueAt: T0 })).toBe(true);
    // While the lease lives, nobody else runs that due time, nor a later one.
    expect(await other.leases.acquire({ name, holder: 'b', now: T0 + 1000, ttlMs: TTL, dueAt: T0 })).toBe(
      false,
    );
    expect(
      await other.leases.acquire({ name, holder: 'b', now: T0 + 1000, ttlMs: TTL, dueAt: T0 + 1000 }),
    ).toBe(false);
    // The holder died (no renewal): after the lease runs out the same due time is taken over.
    expect(await other.leases.acquire({ name, holder: 'b', now: T0 + TTL, ttlMs: TTL, dueAt: T0 })).toBe(
      true,
    );
    await other.leases.release(name, 'b', { finishedDueAt: T0 });
    // The dead holder's late release changes nothing, and an ended run without success leaves no time.
    await storage.leases.release(name, 'dead', { finishedDueAt: T0, succeededAt: T0 + TTL + 1 });
    expect(await storage.leases.get(name)).toMatchObject({
      holder: 'b',
      finishedDueAt: T0,
      succeededAt: null,
    });
  });
});
