import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { DatabaseChange } from '../../src/services/database-reachability.ts';
import { HistoryRecorder } from '../../src/services/history/history-recorder.ts';
import type { OpenedStorage } from '../../src/storage/index.ts';
import type { HistoryEntry, HistoryRepository } from '../../src/storage/repositories.ts';
import { isDatabaseUnreachable } from '../../src/storage/unreachable.ts';
import { testDialects } from '../helpers/databases.ts';
import { migratedStorageForSuite } from '../helpers/migrated-storage.ts';
import { closedLoopbackPort } from '../helpers/ports.ts';

/**
 * What lets history survive a database outage: a batch retried after a lost connection is stored
 * once (insertMany skips ids already there), the recorder keeps and retries batches the database
 * was unreachable for, and gives up at once on any other failure (a retry could never succeed).
 */

function entry(text: string): HistoryEntry {
  return {
    id: crypto.randomUUID(),
    userId: null,
    tool: 'sentiment',
    source: 'api',
    inputExcerpt: text,
    result: { label: 'POSITIVE' },
    label: 'POSITIVE',
    modelName: 'textai-sentiment',
    modelVersion: '1',
    latencyMs: 1,
    items: 1,
    failed: 0,
    createdAt: Date.now(),
  };
}

/** The real error node-postgres gives when nothing listens on the database's port. */
async function refusedConnectionError(): Promise<unknown> {
  const client = new pg.Client({ host: '127.0.0.1', port: await closedLoopbackPort(), user: 'postgres' });
  return client.connect().then(
    () => new Error('connected to a closed port?'),
    (error: unknown) => error,
  );
}

/** The real repository, with a switch that makes its writes fail as they do while PostgreSQL is down. */
function switchableRepository(real: HistoryRepository, outage: () => Promise<unknown>) {
  const state = { down: false, attempts: 0 };
  const repo: HistoryRepository = Object.create(real) as HistoryRepository;
  repo.insertMany = async (entries) => {
    state.attempts++;
    if (state.down) throw await outage();
    return real.insertMany(entries);
  };
  return { repo, state };
}

const dialects = await testDialects('history outage');

describe.each(dialects)('history through a database outage on $name', ({ make, skip }) => {
  let storage: OpenedStorage;
  migratedStorageForSuite({ make, skip }, (opened) => (storage = opened));

  it.skipIf(skip)('a retried batch that was partly stored is stored once', async () => {
    const before = (await storage.history.totals(null)).calls;
    const first = [entry('one'), entry('two')];
    await storage.history.insertMany(first);
    await storage.history.insertMany([...first, entry('three')]);
    expect((await storage.history.totals(null)).calls - before).toBe(3);
  });

  it.skipIf(skip)(
    'the recorder keeps entries while the database is unreachable and writes them after',
    async () => {
      const before = (await storage.history.totals(null)).calls;
      const { repo, state } = switchableRepository(storage.history, refusedConnectionError);
      const errors: unknown[] = [];
      const changes: DatabaseChange[] = [];
      const recorder = new HistoryRecorder(repo, {
        onError: (error) => errors.push(error),
        onChange: (change) => changes.push(change),
      });
      state.down = true;
      for (let i = 0; i < 5; i++) recorder.add(entry(`during the outage ${i}`));
      await recorder.flush();
      await recorder.flush(); // a history read meanwhile: still down, still kept
      expect((await storage.history.totals(null)).calls - before).toBe(0);
      expect(errors, 'an outage is no error').toEqual([]);
      expect(changes, 'one report per outage, not one per attempt').toMatchObject([
        { reachable: false, context: 'writing history' },
      ]);
      const [outage] = changes;
      expect(outage?.reachable === false && isDatabaseUnreachable(outage.error)).toBe(true);

      state.down = false;
      await expect
        .poll(async () => (await storage.history.totals(null)).calls - before, { timeout: 5_000 })
        .toBe(5);
      expect(changes).toHaveLength(2);
      expect(changes[1]).toMatchObject({ reachable: true });
      recorder.add(entry('after the outage'));
      await recorder.flush();
      expect((await storage.history.totals(null)).calls - before).toBe(6);
    },
  );

  it.skipIf(skip)('any other failure is reported and not retried', async () => {
    const { repo, state } = switchableRepository(storage.history, () =>
      Promise.resolve(new Error('value too long for type character varying(200)')),
    );
    const errors: unknown[] = [];
    const changes: DatabaseChange[] = [];
    const recorder = new HistoryRecorder(repo, {
      onError: (error) => errors.push(error),
      onChange: (change) => changes.push(change),
    });
    state.down = true;
    recorder.add(entry('a row the database refuses'));
    await recorder.flush();
    const attempts = state.attempts;
    state.down = false;
    await recorder.flush(); // nothing left to write
    expect(errors).toHaveLength(1);
    expect(changes, 'not an outage').toEqual([]);
    expect(state.attempts).toBe(attempts);
  });
});

describe('isDatabaseUnreachable', () => {
  it('is true for a refused connection, false for a bad query or a broken constraint', async () => {
    expect(isDatabaseUnreachable(await refusedConnectionError())).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(
      true,
    );
    expect(isDatabaseUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isDatabaseUnreachable(new Error('x', { cause: Object.assign(new Error('y'), { code: 'ECONNRESET' }) })),
    ).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnreachable(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(
      isDatabaseUnreachable(Object.assign(new Error('UNIQUE constraint'), { code: 'SQLITE_CONSTRAINT' })),
    ).toBe(false);
    expect(isDatabaseUnreachable('not an error')).toBe(false);
  });
});
