import type { Kysely } from 'kysely';
import type { RequestStatsRepository, RequestStatsSample } from '../repositories.ts';
import type { Database } from '../schema.ts';

function parseBuckets(json: string): Record<string, number> {
  try {
    const value = JSON.parse(json) as unknown;
    if (typeof value !== 'object' || value === null) return {};
    return Object.fromEntries(
      Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
    );
  } catch {
    // Written by this code only; an unreadable row counts as no latencies rather than failing the check.
    return {};
  }
}

export class KyselyRequestStatsRepository implements RequestStatsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async save(samples: readonly RequestStatsSample[], now: number): Promise<void> {
    if (samples.length === 0) return;
    await this.db
      .insertInto('request_stats')
      .values(
        samples.map((s) => ({
          instance: s.instance,
          minute: s.minute,
          requests: s.requests,
          errors: s.errors,
          latency_buckets: JSON.stringify(s.latencyBuckets),
          disk_free_pct: s.diskFreePct,
          updated_at: now,
        })),
      )
      // A process writes its running totals for a minute, so a later write replaces an earlier one.
      .onConflict((conflict) =>
        conflict.columns(['instance', 'minute']).doUpdateSet((eb) => ({
          requests: eb.ref('excluded.requests'),
          errors: eb.ref('excluded.errors'),
          latency_buckets: eb.ref('excluded.latency_buckets'),
          disk_free_pct: eb.ref('excluded.disk_free_pct'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  async since(fromMinute: number): Promise<RequestStatsSample[]> {
    const rows = await this.db
      .selectFrom('request_stats')
      .selectAll()
      .where('minute', '>=', fromMinute)
      .orderBy('minute')
      .orderBy('instance')
      .execute();
    return rows.map((row) => ({
      instance: row.instance,
      minute: Number(row.minute),
      requests: Number(row.requests),
      errors: Number(row.errors),
      latencyBuckets: parseBuckets(row.latency_buckets),
      diskFreePct: row.disk_free_pct === null ? null : Number(row.disk_free_pct),
    }));
  }

  async deleteBefore(minute: number): Promise<number> {
    const result = await this.db.deleteFrom('request_stats').where('minute', '<', minute).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
