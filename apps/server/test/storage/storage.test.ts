import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { OpenedStorage } from '../../src/storage/index.ts';
import type { HistoryEntry } from '../../src/storage/repositories.ts';
import {
  postgresTestDatabase,
  postgresUnavailableReason,
  requirePostgres,
  sqliteTestDatabase,
  type TestDatabase,
} from '../helpers/databases.ts';
import { migratedStorageForSuite } from '../helpers/migrated-storage.ts';

const run = promisify(execFile);
const TEXTAI = fileURLToPath(new URL('../../bin/textai.js', import.meta.url));

const pgReason = await postgresUnavailableReason();
if (pgReason !== null) {
  if (requirePostgres)
    throw new Error(`PostgreSQL is required (REQUIRE_POSTGRES=1) but unreachable: ${pgReason}`);
  console.warn(`storage suite: skipping PostgreSQL: ${pgReason}`);
}

const dialects: { name: string; make: () => Promise<TestDatabase>; skip: boolean }[] = [
  { name: 'sqlite', make: () => Promise.resolve(sqliteTestDatabase()), skip: false },
  { name: 'postgres', make: postgresTestDatabase, skip: pgReason !== null },
];

function historyEntry(userId: string | null, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: crypto.randomUUID(),
    userId,
    tool: 'sentiment',
    source: 'api',
    inputExcerpt: 'I loved it',
    result: { label: 'POSITIVE', score: 0.9 },
    label: 'POSITIVE',
    modelName: 'textai-sentiment',
    modelVersion: '1',
    latencyMs: 0.5,
    items: 1,
    failed: 0,
    createdAt: Date.UTC(2026, 0, 10, 12),
    ...overrides,
  };
}

describe.each(dialects)('storage on $name', ({ make, skip }) => {
  let storage: OpenedStorage;
  migratedStorageForSuite({ make, skip }, (opened) => (storage = opened));

  it.skipIf(skip)('applies every migration exactly once when several processes start at once', async () => {
    const fresh = await make();
    const env = {
      ...process.env,
      APP_ENV: 'test',
      DATABASE_URL: fresh.target.kind === 'sqlite' ? `sqlite:${fresh.target.file}` : fresh.target.url,
    };
    const runs = await Promise.all([1, 2, 3].map(() => run(TEXTAI, ['migrate'], { env })));
    const outputs = runs.map((r) => r.stdout);
    expect(outputs.filter((o) => o.includes('applied 1 initial'))).toHaveLength(1);
    expect(outputs.filter((o) => o.includes('up to date'))).toHaveLength(2);
    await fresh.drop();
  });

  it.skipIf(skip)('finds nothing to do on a migrated database', async () => {
    expect((await storage.migrate()).applied).toEqual([]);
  });

  it.skipIf(skip)('creates, finds, updates, searches and deletes users', async () => {
    const now = Date.now();
    const ada = await storage.users.create(
      { username: 'ada_l', email: 'ada@example.org', passwordHash: 'h1', tier: 'user' },
      now,
    );
    await storage.users.create(
      { username: 'grace', email: 'grace@example.org', passwordHash: 'h2', tier: 'pro' },
      now,
    );
    expect((await storage.users.findByUsername('ada_l'))?.passwordHash).toBe('h1');
    expect(await storage.users.findByUsername('nobody')).toBeUndefined();
    await expect(
      storage.users.create(
        { username: 'ada_l', email: 'x@example.org', passwordHash: 'h', tier: 'user' },
        now,
      ),
    ).rejects.toThrow();

    const updated = await storage.users.update(
      ada.id,
      { tier: 'pro', disabled: true, storeInputs: false },
      now + 1,
    );
    expect(updated).toMatchObject({ tier: 'pro', disabled: true, storeInputs: false });

    const found = await storage.users.list({ limit: 10, offset: 0, search: 'GRACE' });
    expect(found.items.map((u) => u.username)).toEqual(['grace']);
    expect(found.total).toBe(1);
    // LIKE wildcards in a search are literal.
    expect((await storage.users.list({ limit: 10, offset: 0, search: '%' })).total).toBe(0);
    expect(
      (await storage.users.list({ limit: 10, offset: 0, search: '_' })).items.map((u) => u.username),
    ).toEqual(['ada_l']);
  });

  it.skipIf(skip)('keeps sessions with their user and ends them by user, expiry and idleness', async () => {
    const now = Date.now();
    const user = await storage.users.create(
      { username: 'sess', email: 's@example.org', passwordHash: 'h', tier: 'user' },
      now,
    );
    const base = { userId: user.id, csrfToken: 'c', createdAt: now, ip: null, userAgent: null };
    await storage.sessions.create({ ...base, id: 's1', lastSeenAt: now, expiresAt: now + 1000 });
    await storage.sessions.create({ ...base, id: 's2', lastSeenAt: now, expiresAt: now + 1000 });
    await storage.sessions.create({ ...base, id: 's3', lastSeenAt: now - 10_000, expiresAt: now + 1000 });
    expect((await storage.sessions.find('s1'))?.user.username).toBe('sess');
    expect(await storage.sessions.deleteExpired(now - 5000, now)).toBe(1);
    expect(await storage.sessions.deleteForUser(user.id, 's1')).toBe(1);
    expect(await storage.sessions.find('s2')).toBeUndefined();
    expect(await storage.sessions.countForUser(user.id)).toBe(1);
  });

  it.skipIf(skip)('stores API keys by hash, lists them and revokes only the owner’s', async () => {
    const now = Date.now();
    const owner = await storage.users.create(
      { username: 'keys', email: 'k@example.org', passwordHash: 'h', tier: 'user' },
      now,
    );
    const other = await storage.users.create(
      { username: 'other', email: 'o@example.org', passwordHash: 'h', tier: 'user' },
      now,
    );
    await storage.apiKeys.create({
      id: 'k1',
      userId: owner.id,
      name: 'ci',
      keyHash: 'hash-1',
      prefix: 'tai_abcd',
      last4: 'wxyz',
      scopes: ['tools'],
      createdAt: now,
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect((await storage.apiKeys.findByHash('hash-1'))?.key.scopes).toEqual(['tools']);
    expect(await storage.apiKeys.revoke('k1', other.id, now)).toBe(false);
    expect(await storage.apiKeys.revoke('k1', owner.id, now)).toBe(true);
    expect(await storage.apiKeys.revoke('k1', owner.id, now)).toBe(false);
    expect((await storage.apiKeys.listForUser(owner.id))[0]?.revokedAt).toBe(now);
  });

  it.skipIf(skip)('records history, pages it, aggregates it and keeps users apart', async () => {
    const now = Date.now();
    const a = await storage.users.create(
      { username: 'hist_a', email: 'a@example.org', passwordHash: 'h', tier: 'user' },
      now,
    );
    const b = await storage.users.create(
      { username: 'hist_b', email: 'b@example.org', passwordHash: 'h', tier: 'user' },
      now,
    );
    await storage.history.insertMany([
      historyEntry(a.id),
      historyEntry(a.id, { tool: 'fake-news', label: 'FAKE', createdAt: Date.UTC(2026, 0, 11, 1) }),
      historyEntry(a.id, {
        inputExcerpt: '100% sure',
        createdAt: Date.UTC(2026, 0, 11, 2),
        source: 'batch',
        items: 5,
        failed: 2,
      }),
      historyEntry(b.id),
      historyEntry(null, { source: 'ui', inputExcerpt: null }),
      historyEntry(null, { source: 'job', items: 400, latencyMs: 9000 }),
    ]);
    const page = await storage.history.list(a.id, { limit: 2, offset: 0 });
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(2);
    expect(page.items[0]?.createdAt).toBeGreaterThanOrEqual(page.items[1]?.createdAt ?? 0);
    expect((await storage.history.list(a.id, { limit: 10, offset: 0, tool: 'fake-news' })).total).toBe(1);
    expect((await storage.history.list(a.id, { limit: 10, offset: 0, search: '100%' })).total).toBe(1);

    const entry = page.items[0];
    if (entry === undefined) throw new Error('no entry');
    expect(await storage.history.get(b.id, entry.id)).toBeUndefined();
    expect(await storage.history.delete(b.id, entry.id)).toBe(false);

    const usage = await storage.history.usage(a.id, 0, 86_400_000);
    expect(usage.reduce((s, u) => s + u.calls, 0)).toBe(3);
    const jan11 = usage.filter((u) => u.bucket === Math.floor(Date.UTC(2026, 0, 11) / 86_400_000));
    expect(jan11.reduce((s, u) => s + u.items, 0)).toBe(6);
    expect(jan11.reduce((s, u) => s + u.failed, 0)).toBe(2);
    // Latency is summed over the calls a client waited for: the file job's run is left out.
    const everyone = await storage.history.totals(null);
    expect(everyone).toEqual({ calls: 6, items: 409, latencyMs: 2.5, latencyCalls: 5 });
    const everyoneToday = await storage.history.usage(null, 0, 86_400_000);
    expect(everyoneToday.reduce((s, u) => s + u.latencyCalls, 0)).toBe(5);
    expect(everyoneToday.reduce((s, u) => s + u.latencyMs, 0)).toBe(2.5);
    const labels = await storage.history.labels(a.id, 0);
    expect(labels).toContainEqual({ tool: 'fake-news', label: 'FAKE', count: 1 });

    expect(await storage.history.deleteAll(a.id)).toBe(3);
    expect((await storage.history.totals(b.id)).calls).toBe(1);
    expect(await storage.history.purgeOlderThan(Date.UTC(2027, 0, 1))).toBe(3);
  });

  it.skipIf(skip)('rolls back every write of a failed transaction', async () => {
    const now = Date.now();
    await expect(
      storage.transaction(async (repos) => {
        await repos.users.create(
          { username: 'tx_user', email: 't@example.org', passwordHash: 'h', tier: 'user' },
          now,
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await storage.users.findByUsername('tx_user')).toBeUndefined();
  });

  it.skipIf(skip)('consumes a password reset exactly once, and never after expiry', async () => {
    const now = Date.now();
    const user = await storage.users.create(
      { username: 'reset', email: 'r@example.org', passwordHash: 'h', tier: 'user' },
      now,
    );
    await storage.passwordResets.create({
      id: 'r1',
      userId: user.id,
      createdBy: null,
      createdAt: now,
      expiresAt: now + 1000,
    });
    await storage.passwordResets.create({
      id: 'r2',
      userId: user.id,
      createdBy: null,
      createdAt: now,
      expiresAt: now - 1,
    });
    const results = await Promise.all([
      storage.passwordResets.consume('r1', now),
      storage.passwordResets.consume('r1', now),
    ]);
    expect(results.filter((r) => r === user.id)).toHaveLength(1);
    expect(await storage.passwordResets.consume('r2', now)).toBeUndefined();
  });

  it.skipIf(skip)('purges audit entries before a cutoff and reset links used or expired', async () => {
    const day = 86_400_000;
    const now = Date.UTC(2027, 5, 1);
    for (const [id, createdAt] of [
      ['old-audit', now - 400 * day],
      ['edge-audit', now - 365 * day],
      ['new-audit', now - day],
    ] as const) {
      await storage.audit.insert({
        id,
        actorId: null,
        event: 'login',
        targetId: null,
        ip: null,
        details: null,
        createdAt,
      });
    }
    expect(await storage.audit.purgeOlderThan(now - 365 * day)).toBe(1);
    const kept = await storage.audit.list({ limit: 100, offset: 0 });
    expect(kept.items.map((e) => e.id)).toEqual(expect.arrayContaining(['edge-audit', 'new-audit']));
    expect(kept.items.map((e) => e.id)).not.toContain('old-audit');

    const user = await storage.users.create(
      { username: 'spent', email: 'spent@example.org', passwordHash: 'h', tier: 'user' },
      now,
    );
    // Links other tests left behind (used or expired) go first, so the count below is this test's.
    await storage.passwordResets.purgeSpent(now);
    const reset = (id: string, expiresAt: number) =>
      storage.passwordResets.create({
        id,
        userId: user.id,
        createdBy: null,
        createdAt: now - day,
        expiresAt,
      });
    await reset('spent-used', now + day);
    await reset('spent-expired', now - 1);
    await reset('spent-expiring-now', now);
    await reset('spent-live', now + day);
    expect(await storage.passwordResets.consume('spent-used', now - 1000)).toBe(user.id);
    expect(await storage.passwordResets.purgeSpent(now)).toBe(3);
    expect(await storage.passwordResets.find('spent-live', now)).toBe(user.id);
    expect(await storage.passwordResets.purgeSpent(now)).toBe(0);
  });

  it.skipIf(skip)('deleting a user removes their sessions, keys and history', async () => {
    const now = Date.now();
    const user = await storage.users.create(
      { username: 'gone', email: 'g@example.org', passwordHash: 'h', tier: 'user' },
      now,
    );
    await storage.sessions.create({
      id: 'gone-s',
      userId: user.id,
      csrfToken: 'c',
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + 1000,
      ip: null,
      userAgent: null,
    });
    await storage.history.insert(historyEntry(user.id));
    expect(await storage.users.delete(user.id)).toBe(true);
    expect(await storage.sessions.find('gone-s')).toBeUndefined();
    expect((await storage.history.totals(user.id)).calls).toBe(0);
  });

  it.skipIf(skip)('answers ping and size', async () => {
    await storage.ping();
    expect(await storage.sizeBytes()).toBeGreaterThan(0);
  });
});
