import type { Kysely } from 'kysely';

/**
 * Scheduled work on exactly one process: named leases (one per scheduled task), what the alert
 * webhook was last told (cool-downs survive restarts and leader changes), and every server
 * process's per-minute request figures (alerts judge the whole deployment).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('finished_due_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('succeeded_at', 'bigint')
    .execute();

  await db.schema
    .createTable('alert_states')
    .addColumn('kind', 'text', (c) => c.primaryKey())
    .addColumn('firing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_sent_at', 'bigint')
    .execute();

  await db.schema
    .createTable('request_stats')
    .addColumn('instance', 'text', (c) => c.notNull())
    .addColumn('minute', 'bigint', (c) => c.notNull())
    .addColumn('requests', 'integer', (c) => c.notNull())
    .addColumn('errors', 'integer', (c) => c.notNull())
    .addColumn('latency_buckets', 'text', (c) => c.notNull())
    .addColumn('disk_free_pct', 'double precision')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_stats_pk', ['instance', 'minute'])
    .execute();
  await db.schema.createIndex('request_stats_minute').on('request_stats').column('minute').execute();
}
