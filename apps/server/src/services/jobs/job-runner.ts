import type { ChunkLease, Job, Storage } from '../../storage/repositories.ts';
import { isToolName } from '../../tools/names.ts';
import type { Clock } from '../clock.ts';
import { ChunkNotStartedError, type ChunkExecutor } from './executor/thread-pool.ts';
import { DatabaseReachability, type DatabaseChange } from '../database-reachability.ts';
import { recordJobHistory } from './job-history.ts';
import type { NeuralSettings } from '../../neural/runtime.ts';
import { readJobOptions } from './job-options.ts';

export interface JobRunnerOptions {
  storage: Storage;
  executor: ChunkExecutor;
  clock: Clock;
  /** Names this process in chunk leases. */
  owner: string;
  /** How long a claimed chunk stays ours; a process that dies loses its chunks after this. */
  leaseMs: number;
  /** How often to look for work nobody announced (expired leases, other processes' jobs). */
  pollMs: number;
  maxTextChars: number;
  /** The *_MODEL setting per tool. */
  modelSpecs: Record<string, string>;
  /** Where the neural backend finds models named by modelSpecs (MODEL_CACHE_DIR and friends). */
  neural?: NeuralSettings;
  /** Failures of background work, each with its stack; outages too unless onDatabaseChange is given. */
  onError?: (error: unknown, context: string) => void;
  /**
   * The database went away or came back, once per change; the errors of an outage (one per poll)
   * then stop reaching onError.
   */
  onDatabaseChange?: (change: DatabaseChange) => void;
}

/** A chunk this process committed. */
export interface ChunkEvent {
  tool: string;
  rows: number;
  failed: number;
  ms: number;
}

/** Chunk attempts before a job is failed: a chunk that kills its thread three times is not bad luck. */
const MAX_ATTEMPTS = 3;
/**
 * Chunks held per thread: the one it runs and the next, already claimed, read and waiting in the
 * executor's queue. A thread that finishes a chunk starts the next at once, while this thread
 * commits the first and claims another; with one chunk per thread it sat idle for those queries
 * (about 4 ms a chunk, a tenth of a sentiment job's processing). The waiting chunk's lease runs
 * while it waits, about one chunk's time, far within JOB_LEASE_SEC; a runner that stops hands it
 * back unrun, so stopping still takes one chunk's time.
 */
const CHUNKS_PER_THREAD = 2;

/**
 * Takes chunks of queued jobs from the database and runs them on the executor, as many at once as
 * it has threads. The database is the queue's source of truth: a chunk is leased, its results and
 * its "done" mark committed together, and a chunk whose lease runs out (its process died) is taken
 * again — so a job resumes after a crash from its last committed chunk, with no row lost and none
 * written twice. `notify()` (a job was queued here) or `drain(jobId)` (BullMQ said so) wake it; a
 * poll catches the rest.
 */
export class JobRunner {
  /** Chunks claimed and not yet committed or handed back (see CHUNKS_PER_THREAD). */
  private active = 0;
  private readonly capacity: number;
  private readonly running = new Set<Promise<void>>();
  private readonly jobs = new Map<string, Job>();
  private readonly attempts = new Map<string, number>();
  /** Chunks whose results could not be committed and which could not be handed back either. */
  private readonly unreleased = new Map<string, ChunkLease>();
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private filling = false;
  private refill = false;
  private readonly waiters: (() => void)[] = [];
  private readonly chunkListeners = new Set<(event: ChunkEvent) => void>();
  private readonly database: DatabaseReachability;

  constructor(private readonly options: JobRunnerOptions) {
    this.capacity = options.executor.size * CHUNKS_PER_THREAD;
    this.database = new DatabaseReachability(
      { onError: options.onError, onChange: options.onDatabaseChange },
      () => options.clock.now(),
    );
  }

  /** Calls `listener` after each chunk this process commits (metrics). */
  onChunk(listener: (event: ChunkEvent) => void): void {
    this.chunkListeners.add(listener);
  }

  start(): void {
    const tick = () => {
      this.retryHandBacks();
      this.notify();
      // Jobs that ended without their history entry (cancelled, failed, or finished by a process
      // that died): on the poll, not after every chunk, since it is a query that rarely finds any.
      if (!this.stopping) {
        this.sweepHistory().catch((error: unknown) => this.database.failed(error, 'recording job history'));
      }
    };
    this.timer = setInterval(tick, this.options.pollMs);
    this.timer.unref();
    tick();
  }

  /** Looks for chunks now (of any job), up to CHUNKS_PER_THREAD for each thread. */
  notify(): void {
    if (this.stopping) return;
    if (this.filling) {
      this.refill = true;
      return;
    }
    this.filling = true;
    void this.fill()
      .catch((error: unknown) => this.database.failed(error, 'claiming chunks'))
      .finally(() => {
        this.filling = false;
        if (this.refill) {
          this.refill = false;
          this.notify();
        }
      });
  }

  /**
   * Runs chunks of one job until none is left to take (a BullMQ message's work), claiming the next
   * while one runs, as fill() does; resolves when the chunks it took are committed or handed back.
   */
  async drain(jobId: string): Promise<void> {
    const launched = new Set<Promise<void>>();
    try {
      while (!this.stopping) {
        await this.freeSlot();
        if (this.stopping) break;
        const lease = await this.claimWithSlot(jobId);
        if (lease === undefined) break;
        const work = this.launch(lease).finally(() => launched.delete(work));
        launched.add(work);
      }
    } finally {
      await Promise.all(launched);
    }
  }

  /**
   * Takes no more chunks, hands back the ones waiting for a thread, lets the ones running finish
   * and commit, then returns.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    for (const wake of this.waiters.splice(0)) wake();
    this.options.executor.dropQueued?.();
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  get busy(): number {
    return this.active;
  }

  private async fill(): Promise<void> {
    while (!this.stopping && this.active < this.capacity) {
      const lease = await this.claimWithSlot();
      if (lease === undefined) break;
      void this.launch(lease);
    }
  }

  /**
   * Takes a thread slot, then a chunk for it; gives the slot back when there is no chunk. Holding
   * the slot across the claim keeps concurrent drains and fills within the pool's size.
   */
  private async claimWithSlot(jobId?: string): Promise<ChunkLease | undefined> {
    const { storage, owner, clock, leaseMs } = this.options;
    this.active++;
    try {
      const lease = await storage.jobs.claimChunk(owner, clock.now(), leaseMs, jobId);
      this.database.answered();
      if (lease !== undefined) return lease;
    } catch (error) {
      this.releaseSlot();
      throw error;
    }
    this.releaseSlot();
    return undefined;
  }

  private releaseSlot(): void {
    this.active--;
    this.waiters.shift()?.();
  }

  private freeSlot(): Promise<void> {
    if (this.active < this.capacity) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Runs a chunk in the slot claimWithSlot took; resolves when it is committed or handed back. */
  private launch(lease: ChunkLease): Promise<void> {
    const work = this.runChunk(lease)
      .catch(async (error: unknown) => {
        this.database.failed(error, `running chunk ${lease.chunkIndex} of job ${lease.jobId}`);
        await this.handBack(lease);
      })
      .finally(() => {
        this.running.delete(work);
        this.releaseSlot();
        if (!this.stopping) this.notify();
      });
    this.running.add(work);
    return work;
  }

  private async runChunk(lease: ChunkLease): Promise<void> {
    const { storage, executor, clock } = this.options;
    const job = await this.job(lease.jobId);
    const input = await storage.jobs.chunkInput(lease.jobId, lease.chunkIndex);
    if (job === undefined || input === undefined || !isToolName(job.tool)) {
      await storage.jobs.setStatus(lease.jobId, 'failed', clock.now(), 'the job or its input is damaged');
      return;
    }
    const options = readJobOptions(job.options);
    const started = performance.now();
    if (this.stopping) {
      await this.handBack(lease); // read ahead, but the process is stopping: another takes it now
      return;
    }
    let output;
    try {
      const task = {
        tool: job.tool,
        modelSpec: this.options.modelSpecs[job.tool] ?? 'builtin',
        settings: options.settings,
        explain: options.explain,
        maxChars: this.options.maxTextChars,
        ...(this.options.neural === undefined ? {} : { neural: this.options.neural }),
        input,
      };
      output = await executor.run(task, { onStart: () => this.renewAtStart(lease) });
    } catch (error) {
      if (error instanceof ChunkNotStartedError) await this.handBack(lease);
      else await this.retryOrFail(lease, error);
      return;
    }
    const completion = await storage.jobs.completeChunk(lease, output.results, output.failed, clock.now());
    this.attempts.delete(`${lease.jobId}:${lease.chunkIndex}`);
    if (completion === 'lost') return;
    const event = {
      tool: job.tool,
      rows: output.rows,
      failed: output.failed,
      ms: performance.now() - started,
    };
    for (const listener of this.chunkListeners) listener(event);
    if (completion === 'finished') {
      this.jobs.delete(job.id);
      const finished = await storage.jobs.getById(job.id);
      if (finished !== undefined) await recordJobHistory(storage, finished, clock.now());
    }
  }

  /**
   * A chunk read ahead waits for its thread while its lease runs. When the wait took more than a
   * quarter of the lease (long chunks: a neural model's), the lease starts again as the thread
   * takes the chunk, so waiting never leaves a running chunk less than three quarters of a lease.
   */
  private renewAtStart(lease: ChunkLease): void {
    const { storage, clock, leaseMs } = this.options;
    const now = clock.now();
    if (lease.leaseUntil - now > leaseMs * 0.75) return;
    storage.jobs
      .extendLease(lease, now + leaseMs, now)
      .catch((error: unknown) =>
        this.database.failed(error, `renewing the lease of chunk ${lease.chunkIndex} of job ${lease.jobId}`),
      );
  }

  /**
   * Hands back a chunk whose results could not be committed (a full or read-only disk), so that it
   * runs again as soon as the database takes writes instead of after its lease runs out. When the
   * hand-back fails too, the poll tries again.
   */
  private async handBack(lease: ChunkLease): Promise<void> {
    try {
      await this.options.storage.jobs.releaseChunk(lease, this.options.clock.now());
      this.unreleased.delete(`${lease.jobId}:${lease.chunkIndex}`);
    } catch {
      this.unreleased.set(`${lease.jobId}:${lease.chunkIndex}`, lease);
    }
  }

  private retryHandBacks(): void {
    for (const lease of [...this.unreleased.values()]) void this.handBack(lease);
  }

  private async retryOrFail(lease: ChunkLease, error: unknown): Promise<void> {
    const { storage, clock } = this.options;
    const key = `${lease.jobId}:${lease.chunkIndex}`;
    const attempts = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempts);
    this.options.onError?.(error, `chunk ${lease.chunkIndex} of job ${lease.jobId}, attempt ${attempts}`);
    await storage.jobs.releaseChunk(lease, clock.now());
    if (attempts >= MAX_ATTEMPTS && !this.stopping) {
      this.attempts.delete(key);
      const reason = error instanceof Error ? error.message : String(error);
      await storage.jobs.setStatus(
        lease.jobId,
        'failed',
        clock.now(),
        `rows ${lease.rowStart + 1}–${lease.rowEnd} could not be processed: ${reason}`,
      );
    }
  }

  /** A job's row, cached for its chunks (its tool and options never change). */
  private async job(id: string): Promise<Job | undefined> {
    const cached = this.jobs.get(id);
    if (cached !== undefined) return cached;
    const job = await this.options.storage.jobs.getById(id);
    if (job !== undefined) {
      if (this.jobs.size > 1000) this.jobs.clear();
      this.jobs.set(id, job);
    }
    return job;
  }

  /** History entries of jobs that ended without one (cancelled, failed, or finished by a process that then died). */
  private async sweepHistory(): Promise<void> {
    const { storage, clock } = this.options;
    const unrecorded = await storage.jobs.unrecorded(20);
    this.database.answered();
    for (const job of unrecorded) await recordJobHistory(storage, job, clock.now());
  }
}
