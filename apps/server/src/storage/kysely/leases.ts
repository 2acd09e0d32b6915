import { sql, type Kysely } from 'kysely';
import type { Lease, LeaseClaim, LeaseRepository } from '../repositories.ts';
import type { Database } from '../schema.ts';

/**
 * Every change is one conditional statement, so the database decides between processes that reach
 * for a lease at the same moment: PostgreSQL locks the row for INSERT … ON CONFLICT DO UPDATE … WHERE
 * (a second claimer waits, then re-checks the WHERE against the row the first one wrote), SQLite
 * has one writer at a time. Times come from the processes' clocks: machines sharing a database
 * need them synchronised (NTP) to well under a lease's length.
 */
export class KyselyLeaseRepository implements LeaseRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async acquire(claim: LeaseClaim): Promise<boolean> {
    const { name, holder, now, dueAt } = claim;
    const expiresAt = now + claim.ttlMs;
    const row = await this.db
      .insertInto('leases')
      .values({
        name,
        holder,
        expires_at: expiresAt,
        due_at: dueAt ?? 0,
        finished_due_at: 0,
        succeeded_at: null,
      })
      .onConflict((conflict) =>
        conflict
          .column('name')
          .doUpdateSet({
            holder,
            expires_at: expiresAt,
            ...(dueAt === undefined ? {} : { due_at: dueAt }),
          })
          .where((eb) => {
            const free = eb.or([eb('leases.expires_at', '<=', now), eb('leases.holder', '=', holder)]);
            if (dueAt === undefined) return free;
            // A due time runs once: not yet claimed, or claimed by a holder that lost its lease
            // (it stopped renewing: it died) before the run ended.
            const unclaimed = eb('leases.due_at', '<', dueAt);
            const abandoned = eb.and([
              eb('leases.due_at', '=', dueAt),
              eb('leases.finished_due_at', '<', dueAt),
              eb('leases.expires_at', '<=', now),
            ]);
            return eb.and([free, eb.or([unclaimed, abandoned])]);
          }),
      )
      .returning('holder')
      .executeTakeFirst();
    return row !== undefined;
  }

  async renew(name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    const result = await this.db
      .updateTable('leases')
      .set({ expires_at: now + ttlMs })
      .where('name', '=', name)
      .where('holder', '=', holder)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async release(
    name: string,
    holder: string,
    run?: { finishedDueAt: number; succeededAt?: number },
  ): Promise<void> {
    await this.db
      .updateTable('leases')
      .set({
        // Expired at once: the next claimer need not wait out the rest of the lease.
        expires_at: 0,
        ...(run === undefined
          ? {}
          : {
              finished_due_at: sql<number>`case when finished_due_at < ${run.finishedDueAt} then ${run.finishedDueAt} else finished_due_at end`,
            }),
        ...(run?.succeededAt === undefined ? {} : { succeeded_at: run.succeededAt }),
      })
      .where('name', '=', name)
      .where('holder', '=', holder)
      .execute();
  }

  async get(name: string): Promise<Lease | undefined> {
    const row = await this.db.selectFrom('leases').selectAll().where('name', '=', name).executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      name: row.name,
      holder: row.holder,
      expiresAt: Number(row.expires_at),
      dueAt: Number(row.due_at),
      finishedDueAt: Number(row.finished_due_at),
      succeededAt: row.succeeded_at === null ? null : Number(row.succeeded_at),
    };
  }
}
