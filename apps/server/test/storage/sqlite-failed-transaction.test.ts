import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { openSqlite } from '../../src/storage/sqlite/open.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'textai-failed-tx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * SQLite rolls a transaction back by itself on SQLITE_FULL; the error that reaches the caller must
 * still be SQLITE_FULL (a 503 naming a full disk), not Kysely's failed second ROLLBACK.
 */
it('a transaction that fills the database fails with SQLITE_FULL, and the connection goes on', async () => {
  const handle = openSqlite(path.join(dir, 'full.db'));
  try {
    await sql`create table t (x text)`.execute(handle.db);
    // A page limit at the current size: the next page the table needs is "disk full".
    handle.raw.pragma(`max_page_count = ${Number(handle.raw.pragma('page_count', { simple: true }))}`);
    const failure = await handle.db
      .transaction()
      .execute(async (trx) => {
        for (let i = 0; i < 100; i++) await sql`insert into t values (${'x'.repeat(2000)})`.execute(trx);
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect((failure as { code?: string } | undefined)?.code).toBe('SQLITE_FULL');
    expect(handle.raw.inTransaction).toBe(false);
    // Nothing of the failed transaction stayed, and the connection takes the next transaction.
    handle.raw.pragma('max_page_count = 1000000');
    await handle.db.transaction().execute((trx) => sql`insert into t values ('after')`.execute(trx));
    const rows = await sql<{ n: number }>`select count(*) as n from t`.execute(handle.db);
    expect(rows.rows[0]?.n).toBe(1);
  } finally {
    await handle.close();
  }
});
