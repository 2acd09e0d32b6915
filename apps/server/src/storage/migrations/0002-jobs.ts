import type { Kysely } from 'kysely';

/**
 * Batch jobs. The uploaded file and every chunk's results live in the database (not a local
 * folder) so that workers on other machines reach them. A job is cut into chunks of rows; a chunk's
 * results and its "done" mark are written in one transaction, so after a crash the job resumes
 * from its last committed chunk with no row lost and none written twice.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('tool', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('input_name', 'text', (c) => c.notNull())
    .addColumn('input_format', 'text', (c) => c.notNull())
    .addColumn('input_bytes', 'bigint', (c) => c.notNull())
    .addColumn('total_rows', 'integer')
    .addColumn('rows_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_user_created').on('jobs').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('jobs_status').on('jobs').column('status').execute();

  await db.schema
    .createTable('job_inputs')
    .addColumn('job_id', 'text', (c) => c.primaryKey().references('jobs.id').onDelete('cascade'))
    .addColumn('data', blob, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('job_chunks')
    .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
    .addColumn('chunk_index', 'integer', (c) => c.notNull())
    .addColumn('row_start', 'integer', (c) => c.notNull())
    .addColumn('row_end', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'bigint')
    .addColumn('rows_failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('results', blob)
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('job_chunks_pk', ['job_id', 'chunk_index'])
    .execute();
  await db.schema
    .createIndex('job_chunks_status')
    .on('job_chunks')
    .columns(['status', 'lease_until'])
    .execute();
}
