import { sql, type Kysely } from 'kysely';
import type {
  HistoryEntry,
  HistoryQuery,
  HistoryRepository,
  LabelCount,
  Page,
  UsageBucket,
  UsageTotals,
} from '../repositories.ts';
import type { Database } from '../schema.ts';
import { containsPattern, historyRow, toHistoryEntry } from './rows.ts';

/**
 * Latency is of the calls a client waited for: a file job's entry records its whole run (seconds
 * for thousands of rows), which would swamp an average of millisecond calls.
 */
const WAITED_LATENCY_MS = sql<number>`sum(case when source <> 'job' then latency_ms else 0 end)`;
const WAITED_CALLS = sql<number>`sum(case when source <> 'job' then 1 else 0 end)`;

export class KyselyHistoryRepository implements HistoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(entry: HistoryEntry): Promise<void> {
    await this.db.insertInto('history').values(historyRow(entry)).execute();
  }

  async insertMany(entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const write = async (db: Kysely<Database>) => {
      let start = 0;
      for (const size of batchSizes(entries.length)) {
        await db
          .insertInto('history')
          .values(entries.slice(start, start + size).map(historyRow))
          // A batch retried after a lost connection may be partly stored already (ids are UUIDs).
          .onConflict((conflict) => conflict.column('id').doNothing())
          .execute();
        start += size;
      }
    };
    if (this.db.isTransaction) await write(this.db);
    else await this.db.transaction().execute(write);
  }

  async list(userId: string, query: HistoryQuery): Promise<Page<HistoryEntry>> {
    let base = this.db.selectFrom('history').where('user_id', '=', userId);
    if (query.tool !== undefined) base = base.where('tool', '=', query.tool);
    if (query.from !== undefined) base = base.where('created_at', '>=', query.from);
    if (query.to !== undefined) base = base.where('created_at', '<', query.to);
    if (query.search) {
      base = base.where(sql<boolean>`lower(input_excerpt) like ${containsPattern(query.search)} escape '\\'`);
    }
    const [rows, total] = await Promise.all([
      base
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toHistoryEntry), total: Number(total.n) };
  }

  async get(userId: string, id: string): Promise<HistoryEntry | undefined> {
    const row = await this.db
      .selectFrom('history')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row && toHistoryEntry(row);
  }

  async delete(userId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('history')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async deleteAll(userId: string): Promise<number> {
    const result = await this.db.deleteFrom('history').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async purgeOlderThan(cutoff: number): Promise<number> {
    const result = await this.db.deleteFrom('history').where('created_at', '<', cutoff).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async usage(userId: string | null, from: number, bucketMs: number): Promise<UsageBucket[]> {
    // The bucket width is inlined (a validated integer) so that SELECT and GROUP BY share one
    // expression; as two bind parameters PostgreSQL would not see them as the same.
    const bucket = sql<number>`(created_at / ${sql.lit(Math.trunc(bucketMs))})`;
    let query = this.db
      .selectFrom('history')
      .select((eb) => [
        'tool',
        bucket.as('bucket'),
        eb.fn.countAll<number>().as('calls'),
        eb.fn.sum<number>('items').as('items'),
        eb.fn.sum<number>('failed').as('failed'),
        WAITED_LATENCY_MS.as('latency_ms'),
        WAITED_CALLS.as('latency_calls'),
      ])
      .where('created_at', '>=', from)
      .groupBy(['tool', bucket]);
    if (userId !== null) query = query.where('user_id', '=', userId);
    const rows = await query.execute();
    return rows.map((r) => ({
      tool: r.tool,
      bucket: Number(r.bucket),
      calls: Number(r.calls),
      items: Number(r.items),
      failed: Number(r.failed),
      latencyMs: Number(r.latency_ms ?? 0),
      latencyCalls: Number(r.latency_calls ?? 0),
    }));
  }

  async totals(userId: string | null): Promise<UsageTotals> {
    let query = this.db
      .selectFrom('history')
      .select((eb) => [
        eb.fn.countAll<number>().as('calls'),
        eb.fn.sum<number>('items').as('items'),
        WAITED_LATENCY_MS.as('latency_ms'),
        WAITED_CALLS.as('latency_calls'),
      ]);
    if (userId !== null) query = query.where('user_id', '=', userId);
    const row = await query.executeTakeFirstOrThrow();
    return {
      calls: Number(row.calls),
      items: Number(row.items ?? 0),
      latencyMs: Number(row.latency_ms ?? 0),
      latencyCalls: Number(row.latency_calls ?? 0),
    };
  }

  async labels(userId: string | null, from: number): Promise<LabelCount[]> {
    let query = this.db
      .selectFrom('history')
      .select((eb) => ['tool', 'label', eb.fn.countAll<number>().as('n')])
      .where('label', 'is not', null)
      .where('created_at', '>=', from)
      .groupBy(['tool', 'label']);
    if (userId !== null) query = query.where('user_id', '=', userId);
    const rows = await query.execute();
    return rows.map((r) => ({ tool: r.tool, label: r.label ?? '', count: Number(r.n) }));
  }

  async failures(from: number): Promise<{ items: number; failed: number }> {
    const row = await this.db
      .selectFrom('history')
      .select((eb) => [eb.fn.sum<number>('items').as('items'), eb.fn.sum<number>('failed').as('failed')])
      .where('created_at', '>=', from)
      .executeTakeFirstOrThrow();
    return { items: Number(row.items ?? 0), failed: Number(row.failed ?? 0) };
  }
}

/**
 * Splits `count` rows into batches of 32, then powers of two: at most six statement shapes, so
 * the prepared-statement cache holds a handful of INSERTs instead of one per batch length (which,
 * with hundreds of placeholders each, grew the server's memory under load).
 */
function batchSizes(count: number): number[] {
  const sizes: number[] = [];
  let left = count;
  while (left >= 32) {
    sizes.push(32);
    left -= 32;
  }
  for (let size = 16; size >= 1; size /= 2) {
    if (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}
