import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackup, restoreBackup } from '../../src/services/backup/index.ts';
import { openStorage } from '../../src/storage/index.ts';
import { BACKUP_KEY, migratedDeployment, tempDir } from './helpers.ts';

const PAD = 'x'.repeat(400);

describe('a backup taken while the server writes', { timeout: 120_000 }, () => {
  const root = tempDir('backup-online');
  afterAll(() => root.remove());

  it('is one consistent state: every transaction is in it whole or not at all', async () => {
    const config = await migratedDeployment(path.join(root.dir, 'data'), { BACKUP_KEY });
    // The server's kind of connection: WAL, background checkpoints, a write transaction at a time.
    const storage = openStorage(config.database, { backgroundCheckpoints: true });
    let pairs = 0;
    const writePair = () => {
      const n = pairs++;
      return storage.transaction(async (repos) => {
        for (const half of ['a', 'b'])
          await repos.audit.insert({
            id: `pair-${n}-${half}`,
            actorId: null,
            event: 'pair',
            targetId: `pair-${n}`,
            ip: null,
            details: { pad: PAD },
            createdAt: Date.now(),
          });
      });
    };
    // Some megabytes first, so the copy is more than a page or two.
    for (let i = 0; i < 3000; i++) await writePair();

    let writing = true;
    const writer = (async () => {
      while (writing) {
        await writePair();
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const pairsBefore = pairs;
    const backup = await createBackup(config);
    const pairsAfter = pairs;
    writing = false;
    await writer;
    await storage.close();
    // The writer kept committing while the backup ran: the backup did not stop or block it.
    expect(pairsAfter).toBeGreaterThan(pairsBefore);

    const manifest = await restoreBackup(backup.file, BACKUP_KEY, {
      dataDir: path.join(root.dir, 'restored'),
    });
    const restored = new BetterSqlite3(path.join(root.dir, 'restored', 'textai.db'), { readonly: true });
    try {
      const count = (sql: string) => Number(restored.prepare(sql).pluck().get());
      const rows = count(`select count(*) from audit_log where event = 'pair'`);
      const halfPairs = count(
        `select count(*) from (select target_id from audit_log where event = 'pair' group by target_id having count(*) <> 2)`,
      );
      expect(halfPairs).toBe(0);
      expect(rows % 2).toBe(0);
      expect(rows / 2).toBeGreaterThanOrEqual(pairsBefore);
      expect(rows / 2).toBeLessThanOrEqual(pairsAfter);
      expect(manifest.database.rowCounts['audit_log']).toBe(rows);
    } finally {
      restored.close();
    }
  });
});
