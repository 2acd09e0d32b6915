import { Worker } from 'node:worker_threads';
import { loadedLinearModels } from '@textai/core/models';
import { languageTableBuffer } from '@textai/core/models/language-table';
import type { ChunkOutput, ChunkTask, WorkerReply, WorkerRequest, WorkerStartData } from './protocol.ts';

/** Runs chunks somewhere off the caller's thread. */
export interface ChunkExecutor {
  /** How many chunks it runs at once. */
  readonly size: number;
  run(task: ChunkTask, hooks?: RunHooks): Promise<ChunkOutput>;
  /**
   * Rejects the chunks waiting for a thread with ChunkNotStartedError, leaving the running ones
   * to finish (a stopping process hands those back instead of running them).
   */
  dropQueued?(): void;
  /** Ends the threads; chunks still queued or running are rejected. */
  close(): Promise<void>;
}

export interface RunHooks {
  /** Called when a thread takes the chunk (at once, or when one is free). */
  onStart?: () => void;
}

/** A chunk dropped from the queue before any thread started it. */
export class ChunkNotStartedError extends Error {
  constructor() {
    super('the chunk was dropped before a thread started it');
    this.name = 'ChunkNotStartedError';
  }
}

export interface ThreadPoolOptions {
  /** Threads (at least 1). */
  size: number;
  /** A thread idle this long is ended (its models with it); 0 keeps threads for good. Default 60 s. */
  idleMs?: number;
}

const WORKER_URL = new URL('./chunk-worker.mjs', import.meta.url);
const STARTUP_TIMEOUT_MS = 60_000;
/** Far above what a chunk needs (models ~100 MB, a chunk a few MB); a runaway hits this, not the server. */
const WORKER_HEAP_MB = 1024;
/**
 * The young generation: two 8 MB semi-spaces and as much again for new large objects. A chunk's
 * garbage is a few MB and little of it outlives the chunk, so a larger one buys nothing: V8's own
 * limit let a thread's grow from 16 to 32 MB of semi-spaces during the first big job, 16 MB more
 * resident memory per thread, for no CPU gained (50 chunks of 1,000 tweets took 780–850 ms of CPU
 * with 16 MB semi-spaces, 810 ms with 8 and 830–860 ms with 4).
 */
const WORKER_YOUNG_MB = 24;

interface Pending {
  task: ChunkTask;
  hooks: RunHooks;
  resolve: (output: ChunkOutput) => void;
  reject: (error: Error) => void;
}

/**
 * Bytes that can be moved to a thread rather than copied: the caller's own, when they fill a buffer
 * of their own (a chunk's input as the database driver returns it), so the process holds each
 * chunk once; else a private copy, since they may be a view into a larger buffer the caller keeps.
 * The task's bytes are unusable after the move (the caller reads each chunk afresh for each run).
 */
function transferable(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = bytes;
  const whole =
    buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength;
  return whole ? new Uint8Array(buffer) : new Uint8Array(bytes);
}

/** One thread, one chunk at a time. */
class ChunkThread {
  dead = false;
  busy = false;
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private current: (Pending & { id: number }) | null = null;
  private nextId = 1;
  private readonly exited: Promise<void>;

  constructor(
    startData: WorkerStartData,
    private readonly onSettled: (thread: ChunkThread) => void,
  ) {
    this.worker = new Worker(WORKER_URL, {
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
      workerData: startData,
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`a job worker thread did not start within ${STARTUP_TIMEOUT_MS} ms`));
        void this.terminate();
      }, STARTUP_TIMEOUT_MS);
      this.worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'ready') {
          clearTimeout(timer);
          resolve();
        } else {
          this.settle(reply);
        }
      });
      this.worker.on('error', (error) => {
        clearTimeout(timer);
        this.dead = true;
        reject(error);
        this.fail(new Error(`job worker thread failed: ${error.message}`, { cause: error }));
      });
      this.worker.on('exit', () => {
        clearTimeout(timer);
        this.dead = true;
        reject(new Error('job worker thread exited'));
        this.fail(new Error('job worker thread exited'));
      });
    });
    this.ready.catch(() => undefined);
  }

  start(pending: Pending): void {
    this.busy = true;
    const id = this.nextId++;
    this.current = { ...pending, id };
    const input = transferable(pending.task.input);
    const request: WorkerRequest = { id, ...pending.task, input };
    this.ready.then(
      () => this.worker.postMessage(request, [input.buffer]),
      (error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))),
    );
  }

  async terminate(): Promise<void> {
    this.dead = true;
    this.fail(new Error('the job executor is closed'));
    await this.worker.terminate();
    await this.exited;
  }

  private settle(reply: Exclude<WorkerReply, { type: 'ready' }>): void {
    const current = this.current;
    if (current === null || current.id !== reply.id) return;
    this.current = null;
    this.busy = false;
    if (reply.type === 'done') {
      current.resolve({ results: reply.results, rows: reply.rows, failed: reply.failed });
    } else {
      current.reject(new Error(reply.message));
    }
    this.onSettled(this);
  }

  private fail(error: Error): void {
    const current = this.current;
    this.current = null;
    this.busy = false;
    if (current !== null) {
      current.reject(error);
      this.onSettled(this);
    }
  }
}

/**
 * A pool of worker threads that run job chunks. Threads start when work arrives and end after a
 * while without any, so a server that never runs a job never pays for their models: about 80 MB
 * each (the TypeScript loader and the tool's model; threads cannot share JS objects). The language
 * identifier's n-gram table is not among them: it is one SharedArrayBuffer that every thread reads.
 */
export class ThreadPoolExecutor implements ChunkExecutor {
  readonly size: number;
  private readonly threads: ChunkThread[] = [];
  private readonly queue: Pending[] = [];
  private readonly idleMs: number;
  private readonly languageTable: SharedArrayBuffer;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(options: ThreadPoolOptions) {
    this.size = Math.max(1, options.size);
    this.idleMs = options.idleMs ?? 60_000;
    // Read here, when the server or worker starts, so a missing or damaged table stops the start
    // with its error instead of failing the first job; threads then share this one copy.
    this.languageTable = languageTableBuffer();
  }

  run(task: ChunkTask, hooks: RunHooks = {}): Promise<ChunkOutput> {
    if (this.closed) return Promise.reject(new Error('the job executor is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ task, hooks, resolve, reject });
      this.dispatch();
    });
  }

  dropQueued(): void {
    for (const pending of this.queue.splice(0)) pending.reject(new ChunkNotStartedError());
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    for (const pending of this.queue.splice(0)) pending.reject(new Error('the job executor is closed'));
    await Promise.all(this.threads.splice(0).map((thread) => thread.terminate()));
  }

  private dispatch(): void {
    clearTimeout(this.idleTimer);
    for (let i = this.threads.length - 1; i >= 0; i--) {
      if (this.threads[i]?.dead) this.threads.splice(i, 1);
    }
    while (this.queue.length > 0) {
      let thread = this.threads.find((t) => !t.busy && !t.dead);
      if (thread === undefined && this.threads.length < this.size) {
        // The models this process has loaded by now (the server's, at start), shared with the thread.
        const startData = { languageTable: this.languageTable, linearModels: loadedLinearModels() };
        thread = new ChunkThread(startData, () => this.dispatch());
        this.threads.push(thread);
      }
      if (thread === undefined) break;
      const next = this.queue.shift();
      if (next !== undefined) {
        thread.start(next);
        next.hooks.onStart?.();
      }
    }
    if (this.idleMs > 0 && this.queue.length === 0 && this.threads.every((t) => !t.busy)) {
      this.idleTimer = setTimeout(() => void this.retireIdle(), this.idleMs);
      this.idleTimer.unref();
    }
  }

  private async retireIdle(): Promise<void> {
    const idle = this.threads.filter((t) => !t.busy);
    for (const thread of idle) this.threads.splice(this.threads.indexOf(thread), 1);
    await Promise.all(idle.map((thread) => thread.terminate()));
  }
}
