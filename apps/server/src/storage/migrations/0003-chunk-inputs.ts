import type { Kysely } from 'kysely';

/**
 * Each chunk carries its own input rows (parsed once, at upload) instead of the job keeping the
 * whole file in one blob: a worker reads only the rows it works on, and nothing ever loads a whole
 * file into memory, neither at upload nor in a worker.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';
  await db.schema.dropTable('job_inputs').execute();
  await db.schema.alterTable('job_chunks').addColumn('input', blob).execute();
  // Which process ran a chunk (its lease owner): for operators, and for the tests that share one
  // job between worker processes.
  await db.schema.alterTable('job_chunks').addColumn('done_by', 'text').execute();
  await db.schema
    .alterTable('jobs')
    .addColumn('history_recorded', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
