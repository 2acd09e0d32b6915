import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/index.ts';
import type { HistoryEntry } from '../../src/storage/repositories.ts';
import { sqliteTestDatabase } from '../helpers/databases.ts';

function entry(i: number): HistoryEntry {
  return {
    id: `h${i}`,
    userId: null,
    tool: 'sentiment',
    source: 'api',
    inputExcerpt: `text number ${i} `.repeat(10),
    result: null,
    label: 'POSITIVE',
    modelName: 'm',
    modelVersion: '1',
    latencyMs: 0.1,
    items: 1,
    failed: 0,
    createdAt: i,
  };
}

describe('SQLite with background checkpoints', () => {
  it('copies the WAL into the database file from another thread, and closes cleanly', async () => {
    const database = sqliteTestDatabase();
    if (database.target.kind !== 'sqlite') throw new Error('expected SQLite');
    const file = database.target.file;
    const storage = openStorage(database.target, { backgroundCheckpoints: true });
    try {
      await storage.migrate();
      const before = statSync(file).size;
      // ~1 MB of WAL: far below the connection's own fallback checkpoint (10,000 pages).
      await storage.history.insertMany(Array.from({ length: 3000 }, (_, i) => entry(i)));
      const deadline = Date.now() + 10_000;
      while (statSync(file).size <= before && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(statSync(file).size).toBeGreaterThan(before);
      expect((await storage.history.totals(null)).calls).toBe(3000);
    } finally {
      await storage.close();
      await database.drop();
    }
  });
});
