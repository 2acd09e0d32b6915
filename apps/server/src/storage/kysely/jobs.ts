import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  ChunkCompletion,
  ChunkLease,
  Job,
  JobRepository,
  JobStatus,
  NewChunk,
  Page,
  PageRequest,
  StoredChunk,
} from '../repositories.ts';
import type { Database, JobsTable } from '../schema.ts';

function toJob(row: Selectable<JobsTable>): Job {
  let options: Record<string, unknown> = {};
  try {
    options = JSON.parse(row.options) as Record<string, unknown>;
  } catch {
    // kept as {}: options are written by this code, a parse failure means a hand-edited row
  }
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: row.id,
    userId: row.user_id,
    tool: row.tool,
    status: row.status,
    options,
    inputName: row.input_name,
    inputFormat: row.input_format,
    inputBytes: Number(row.input_bytes),
    totalRows: n(row.total_rows),
    rowsDone: Number(row.rows_done),
    rowsFailed: Number(row.rows_failed),
    error: row.error,
    createdAt: Number(row.created_at),
    startedAt: n(row.started_at),
    finishedAt: n(row.finished_at),
    updatedAt: Number(row.updated_at),
  };
}

const ACTIVE: JobStatus[] = ['queued', 'running'];

export class KyselyJobRepository implements JobRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {}

  async create(job: Job): Promise<void> {
    await this.db
      .insertInto('jobs')
      .values({
        id: job.id,
        user_id: job.userId,
        tool: job.tool,
        status: job.status,
        options: JSON.stringify(job.options),
        input_name: job.inputName,
        input_format: job.inputFormat,
        input_bytes: job.inputBytes,
        // Unsealed: claimChunk passes over a job until seal() records its row count.
        total_rows: null,
        rows_done: 0,
        rows_failed: 0,
        error: null,
        created_at: job.createdAt,
        started_at: null,
        finished_at: null,
        updated_at: job.createdAt,
        history_recorded: 0,
      })
      .execute();
  }

  async addChunks(jobId: string, chunks: readonly NewChunk[], now: number): Promise<void> {
    if (chunks.length === 0) return;
    await this.db
      .insertInto('job_chunks')
      .values(
        chunks.map((chunk) => ({
          job_id: jobId,
          chunk_index: chunk.index,
          row_start: chunk.rowStart,
          row_end: chunk.rowEnd,
          status: 'pending' as const,
          lease_owner: null,
          lease_until: null,
          rows_failed: 0,
          input: chunk.input,
          results: null,
          done_by: null,
          updated_at: now,
        })),
      )
      .execute();
  }

  async seal(jobId: string, totalRows: number, now: number): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({
        total_rows: totalRows,
        updated_at: now,
        ...(totalRows === 0 ? { status: 'done', finished_at: now } : {}),
      })
      .where('id', '=', jobId)
      .execute();
  }

  async get(userId: string, id: string): Promise<Job | undefined> {
    const row = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row && toJob(row);
  }

  async getById(id: string): Promise<Job | undefined> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toJob(row);
  }

  async list(userId: string, page: PageRequest): Promise<Page<Job>> {
    const base = this.db.selectFrom('jobs').where('user_id', '=', userId);
    const [rows, total] = await Promise.all([
      base
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toJob), total: Number(total.n) };
  }

  async claimChunk(
    owner: string,
    now: number,
    leaseMs: number,
    jobId?: string,
  ): Promise<ChunkLease | undefined> {
    const until = now + leaseMs;
    // PostgreSQL: SKIP LOCKED lets concurrent claimers pass over a row another is taking. SQLite
    // has one writer at a time, so the UPDATE … WHERE (subquery) is already exclusive.
    const lock = this.dialect === 'postgres' ? sql`for update of c skip locked` : sql``;
    const jobFilter = jobId === undefined ? sql`` : sql`and c.job_id = ${jobId}`;
    const result = await sql<{ job_id: string; chunk_index: number; row_start: number; row_end: number }>`
      update job_chunks set status = 'running', lease_owner = ${owner}, lease_until = ${until}, updated_at = ${now}
      where (job_id, chunk_index) in (
        select c.job_id, c.chunk_index from job_chunks c join jobs j on j.id = c.job_id
        where j.status in ('queued', 'running') and j.total_rows is not null
          and (c.status = 'pending' or (c.status = 'running' and c.lease_until < ${now}))
          ${jobFilter}
        order by j.created_at, c.job_id, c.chunk_index
        limit 1
        ${lock}
      )
      returning job_id, chunk_index, row_start, row_end`.execute(this.db);
    const row = result.rows[0];
    if (row === undefined) return undefined;
    await this.db
      .updateTable('jobs')
      .set({ status: 'running', started_at: sql<number>`coalesce(started_at, ${now})`, updated_at: now })
      .where('id', '=', row.job_id)
      .where('status', '=', 'queued')
      .execute();
    return {
      jobId: row.job_id,
      chunkIndex: Number(row.chunk_index),
      rowStart: Number(row.row_start),
      rowEnd: Number(row.row_end),
      owner,
      leaseUntil: until,
    };
  }

  async chunkInput(jobId: string, chunkIndex: number): Promise<Uint8Array | undefined> {
    const row = await this.db
      .selectFrom('job_chunks')
      .select('input')
      .where('job_id', '=', jobId)
      .where('chunk_index', '=', chunkIndex)
      .executeTakeFirst();
    return row?.input ?? undefined;
  }

  async completeChunk(
    lease: ChunkLease,
    results: Uint8Array,
    rowsFailed: number,
    now: number,
  ): Promise<ChunkCompletion> {
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('job_chunks')
        .set({
          status: 'done',
          results,
          done_by: lease.owner,
          rows_failed: rowsFailed,
          lease_owner: null,
          lease_until: null,
          updated_at: now,
        })
        .where('job_id', '=', lease.jobId)
        .where('chunk_index', '=', lease.chunkIndex)
        .where('status', '=', 'running')
        .where('lease_owner', '=', lease.owner)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return 'lost';
      await trx
        .updateTable('jobs')
        .set((eb) => ({
          rows_done: eb('rows_done', '+', lease.rowEnd - lease.rowStart),
          rows_failed: eb('rows_failed', '+', rowsFailed),
          updated_at: now,
        }))
        .where('id', '=', lease.jobId)
        .execute();
      const left = await trx
        .selectFrom('job_chunks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('job_id', '=', lease.jobId)
        .where('status', '!=', 'done')
        .executeTakeFirstOrThrow();
      if (Number(left.n) > 0) return 'progress';
      const finished = await trx
        .updateTable('jobs')
        .set({ status: 'done', finished_at: now, updated_at: now })
        .where('id', '=', lease.jobId)
        .where('status', 'in', ACTIVE)
        .executeTakeFirst();
      return Number(finished.numUpdatedRows) > 0 ? 'finished' : 'progress';
    });
  }

  async releaseChunk(lease: ChunkLease, now: number): Promise<void> {
    await this.db
      .updateTable('job_chunks')
      .set({ status: 'pending', lease_owner: null, lease_until: null, updated_at: now })
      .where('job_id', '=', lease.jobId)
      .where('chunk_index', '=', lease.chunkIndex)
      .where('lease_owner', '=', lease.owner)
      .where('status', '=', 'running')
      .execute();
  }

  async extendLease(lease: ChunkLease, until: number, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('job_chunks')
      .set({ lease_until: until, updated_at: now })
      .where('job_id', '=', lease.jobId)
      .where('chunk_index', '=', lease.chunkIndex)
      .where('lease_owner', '=', lease.owner)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async chunkStates(jobId: string): Promise<{ index: number; status: string; doneBy: string | null }[]> {
    const rows = await this.db
      .selectFrom('job_chunks')
      .select(['chunk_index', 'status', 'done_by'])
      .where('job_id', '=', jobId)
      .orderBy('chunk_index')
      .execute();
    return rows.map((r) => ({ index: Number(r.chunk_index), status: r.status, doneBy: r.done_by }));
  }

  async *chunks(jobId: string): AsyncGenerator<StoredChunk> {
    const indexes = await this.db
      .selectFrom('job_chunks')
      .select('chunk_index')
      .where('job_id', '=', jobId)
      .where('status', '=', 'done')
      .orderBy('chunk_index')
      .execute();
    const read = (index: number) =>
      this.db
        .selectFrom('job_chunks')
        .select(['input', 'results'])
        .where('job_id', '=', jobId)
        .where('chunk_index', '=', index)
        .executeTakeFirst();
    const order = indexes.map((row) => Number(row.chunk_index));
    // Two chunks in memory at most, whatever the size of the job: the one the caller has and the
    // next, whose query runs meanwhile, so that a PostgreSQL round trip per chunk overlaps the
    // writing out of the chunk before it instead of adding to it.
    let next = order.length > 0 ? read(order[0] ?? 0) : undefined;
    try {
      for (let i = 0; next !== undefined; i++) {
        const row = await next;
        const following = order[i + 1];
        next = following === undefined ? undefined : read(following);
        if (row?.input && row.results) yield { index: order[i] ?? i, input: row.input, results: row.results };
      }
    } finally {
      // A caller that stops early (a client gone) leaves the read ahead unread: not an unhandled error.
      next?.catch(() => undefined);
    }
  }

  async setStatus(jobId: string, status: JobStatus, now: number, error?: string): Promise<void> {
    const finished = status === 'done' || status === 'failed' || status === 'cancelled';
    await this.db
      .updateTable('jobs')
      .set({
        status,
        updated_at: now,
        ...(finished ? { finished_at: now } : {}),
        ...(error === undefined ? {} : { error }),
      })
      .where('id', '=', jobId)
      .execute();
  }

  async cancel(userId: string, id: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ status: 'cancelled', finished_at: now, updated_at: now })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('status', 'in', ACTIVE)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(userId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('jobs')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async purge(cutoff: number, abandonedBefore: number): Promise<number> {
    const result = await this.db
      .deleteFrom('jobs')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', 'not in', ACTIVE), eb('finished_at', '<', cutoff)]),
          eb.and([eb('total_rows', 'is', null), eb('created_at', '<', abandonedBefore)]),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async pendingRows(): Promise<number> {
    const row = await this.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.sum<number>(eb('total_rows', '-', eb.ref('rows_done'))).as('n'))
      .where('status', 'in', ACTIVE)
      .where('total_rows', 'is not', null)
      .executeTakeFirstOrThrow();
    return Number(row.n ?? 0);
  }

  async activeCount(): Promise<number> {
    const row = await this.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ACTIVE)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async chunksInHand(jobId: string, now: number): Promise<number> {
    const row = await this.db
      .selectFrom('job_chunks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('job_id', '=', jobId)
      .where('status', '=', 'running')
      .where('lease_until', '>=', now)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async markHistoryRecorded(jobId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ history_recorded: 1 })
      .where('id', '=', jobId)
      .where('history_recorded', '=', 0)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async unrecorded(limit: number): Promise<Job[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', 'not in', ACTIVE)
      .where('history_recorded', '=', 0)
      .where('total_rows', 'is not', null)
      .orderBy('finished_at')
      .limit(limit)
      .execute();
    return rows.map(toJob);
  }
}
