import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The readiness check's write: a row into `leases` and out again in one committed transaction.
 * Committing makes the database write its files (SQLite appends WAL frames), so a read-only or
 * failing disk answers with its error; deleting in the same transaction means no other process
 * ever sees the row (no scheduled task is named like it) and nothing accumulates.
 */
export async function probeWrite(db: Kysely<Database>): Promise<void> {
  const name = `storage-probe-${crypto.randomUUID()}`;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('leases')
      .values({
        name,
        holder: 'storage-probe',
        expires_at: 0,
        due_at: 0,
        finished_due_at: 0,
        succeeded_at: null,
      })
      .execute();
    await trx.deleteFrom('leases').where('name', '=', name).execute();
  });
}
