import { createReadStream } from 'node:fs';
import type { JobCreateFields } from '@textai/contracts';
import type { Config } from '../../config.ts';
import type { Job, NewChunk, Page, PageRequest, Storage } from '../../storage/repositories.ts';
import { loadToolAdapter } from '../../tools/index.ts';
import type { ToolName } from '../../tools/names.ts';
import type { Clock } from '../clock.ts';
import { AppError, notFound } from '../errors.ts';
import { encodeInputChunk, type StoredInputRow } from './chunk-codec.ts';
import { openJobInput, type JobInput } from './input/index.ts';
import { delimiterOf, toolSettingsOf, type JobOptions } from './job-options.ts';
import { queuedJob } from './queued-job.ts';

/** Rows per chunk: about a quarter to one second of work each, so progress moves and leases stay short. */
const CHUNK_ROWS: Record<ToolName, number> = {
  sentiment: 1000,
  'fake-news': 500,
  summarize: 50,
  'job-match': 200,
};
/** Chunks written per INSERT while a file is stored. */
const CHUNKS_PER_WRITE = 8;

/** Tells whoever runs jobs that one is ready (the in-process runner, or BullMQ). */
export interface JobDispatcher {
  jobQueued(jobId: string, chunks: number): Promise<void>;
  close(): Promise<void>;
}

/** An uploaded file, stored in a temporary file by the route. */
export interface JobUpload {
  path: string;
  filename: string;
  bytes: number;
  fields: JobCreateFields;
}

/** A file whose format, header and columns passed their checks: ready to be read and stored. */
export interface PreparedJob {
  upload: JobUpload;
  input: JobInput;
  options: JobOptions;
}

/** A user's daily row quota, as a file job uses it (routes build it from the rate limiter). */
export interface RowBudget {
  /** Rows that may still be charged today (Infinity: no limit). */
  left: number;
  /** The refusal for a file found to have more rows than `left` (a 429 in the HTTP API). */
  refuse(): Error;
  /** Charges the counted rows; throws to refuse the job, which is then deleted before it starts. */
  charge(rows: number): Promise<void>;
}

/**
 * File jobs: checks an upload (format, columns, encoding, row limit) before any work is done,
 * stores its rows in chunks, and hands it to the dispatcher; lists, cancels and deletes a user's
 * jobs. Rows are read as they stream, never a whole file at once.
 */
export class JobService {
  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
    private readonly config: Config,
    private readonly dispatcher: JobDispatcher,
  ) {}

  /**
   * Opens the file and checks its format, header and columns: a wrong file or column fails here,
   * before anything is stored. Problems further down the file (encoding, the row limit) fail in
   * start(), which reads the file.
   */
  async prepare(upload: JobUpload): Promise<PreparedJob> {
    if (upload.fields.job_description !== undefined && upload.fields.tool !== 'job-match') {
      throw new AppError(400, 'VALIDATION_ERROR', 'job_description is for job-match jobs only');
    }
    if (
      upload.fields.job_description !== undefined &&
      upload.fields.job_description.length > this.config.limits.maxTextChars
    ) {
      throw new AppError(
        413,
        'PAYLOAD_TOO_LARGE',
        `job_description has ${upload.fields.job_description.length} characters; the limit is ${this.config.limits.maxTextChars}`,
      );
    }
    const adapter = await loadToolAdapter(upload.fields.tool);
    const settings = toolSettingsOf(upload.fields);
    const delimiter = delimiterOf(upload.fields);
    const input = await openJobInput(() => createReadStream(upload.path), {
      filename: upload.filename,
      columns: adapter.columns(settings),
      maxRows: this.config.jobs.maxRows,
      ...(upload.fields.format === undefined ? {} : { format: upload.fields.format }),
      ...(delimiter === undefined ? {} : { delimiter }),
      ...(upload.fields.sheet === undefined ? {} : { sheet: upload.fields.sheet }),
      maxRecordChars: Math.max(4 * 1024 * 1024, this.config.limits.maxTextChars * 4),
    });
    return {
      upload,
      input,
      options: {
        settings,
        explain: upload.fields.explain ?? false,
        header: input.header,
        ranked: upload.fields.tool === 'job-match' && upload.fields.job_description !== undefined,
      },
    };
  }

  /**
   * Reads the file once, storing its rows in chunks of a job that no runner takes yet (unsealed),
   * then charges the rows counted on the way and seals and queues the job. A fatal problem in the
   * file (bad encoding, the row limit), more rows than the budget has left (found as soon as they
   * are counted, not at the end of the file) or a refused charge deletes the job and its chunks, so
   * nothing runs and nothing is charged for a file that is refused. Reading the file once, rather
   * than counting its rows in a pass of their own first, halves the parsing of every upload.
   */
  async start(userId: string, prepared: PreparedJob, budget: RowBudget): Promise<Job> {
    const { upload, input } = prepared;
    const now = this.clock.now();
    const job = queuedJob(
      {
        userId,
        tool: upload.fields.tool,
        options: { ...prepared.options },
        inputName: upload.filename,
        inputFormat: input.format,
        inputBytes: upload.bytes,
      },
      now,
    );
    await this.storage.jobs.create(job);
    let chunks = 0;
    let total = 0;
    try {
      const chunkRows = CHUNK_ROWS[upload.fields.tool];
      // CSV, TSV and XLSX rows' fields are some of their cells: stored once, as cells.
      const fieldCells = input.fieldColumns;
      let rows: StoredInputRow[] = [];
      let pending: NewChunk[] = [];
      const cut = () => {
        pending.push({
          index: chunks,
          rowStart: total - rows.length,
          rowEnd: total,
          input: encodeInputChunk(rows, fieldCells),
        });
        chunks++;
        rows = [];
      };
      for await (const row of input.rows({ withCells: true })) {
        const cells = row.cells ?? [];
        rows.push(
          'error' in row
            ? { n: row.rowNumber, id: row.id, c: cells, e: row.error }
            : fieldCells === undefined
              ? { n: row.rowNumber, id: row.id, c: cells, f: row.fields }
              : { n: row.rowNumber, id: row.id, c: cells },
        );
        total++;
        if (total > budget.left) throw budget.refuse();
        if (rows.length === chunkRows) cut();
        if (pending.length === CHUNKS_PER_WRITE) {
          await this.storage.jobs.addChunks(job.id, pending, now);
          pending = [];
        }
      }
      if (rows.length > 0) cut();
      await this.storage.jobs.addChunks(job.id, pending, now);
      await budget.charge(total);
      await this.storage.jobs.seal(job.id, total, this.clock.now());
    } catch (error) {
      await this.storage.jobs.delete(userId, job.id);
      throw error;
    }
    // The job is stored and sealed: a lost wake-up (Redis down) only delays it, since every runner
    // also polls the database, so it must not turn an accepted upload into an error.
    if (chunks > 0) await this.dispatcher.jobQueued(job.id, chunks).catch(() => undefined);
    return (await this.storage.jobs.get(userId, job.id)) ?? job;
  }

  async get(userId: string, id: string): Promise<Job> {
    const job = await this.storage.jobs.get(userId, id);
    if (job === undefined) throw notFound('job');
    return job;
  }

  list(userId: string, page: PageRequest): Promise<Page<Job>> {
    return this.storage.jobs.list(userId, page);
  }

  /** Stops a queued or running job; the chunks already done stay downloadable. */
  async cancel(userId: string, id: string): Promise<Job> {
    const job = await this.get(userId, id);
    if (job.status !== 'queued' && job.status !== 'running') {
      throw new AppError(409, 'CONFLICT', `the job is already ${job.status}`);
    }
    await this.storage.jobs.cancel(userId, id, this.clock.now());
    return this.get(userId, id);
  }

  async delete(userId: string, id: string): Promise<void> {
    if (!(await this.storage.jobs.delete(userId, id))) throw notFound('job');
  }

  /** Deletes jobs finished more than JOB_RETENTION_DAYS ago, and uploads cut off by a crash. */
  purgeExpired(): Promise<number> {
    const now = this.clock.now();
    return this.storage.jobs.purge(now - this.config.jobs.retentionDays * 86_400_000, now - 3_600_000);
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}
