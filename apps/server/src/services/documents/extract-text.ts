/**
 * Text extraction from uploaded documents (PDF, DOCX, UTF-8 text) for the job-match endpoint and the
 * web UI.
 *
 * - The type comes from the file's bytes (`%PDF-`; a ZIP holding `word/document.xml`; strict UTF-8
 *   without NUL bytes), never from its name or MIME type, which only appear in messages.
 * - Libraries: unpdf (pdf.js, serverless build; no URLs are given, so it fetches nothing) for PDF,
 *   mammoth (`extractRawText`) for DOCX, after our own ZIP check (zip.ts) against zip bombs.
 * - Parsing runs off the event loop in a small pool of worker threads (default 1). A job that runs
 *   past `timeoutMs` has its worker terminated; the next job gets a fresh one. A worker that dies
 *   (for instance on its heap limit) is replaced the same way.
 * - Over-long text is refused (PAYLOAD_TOO_LARGE), never silently truncated.
 *
 * Errors are DocumentError with `code` and `statusCode` (see errors.ts). Anything else thrown
 * (the extractor closed, a worker that cannot start) is a server fault, not the document's.
 */
import { Worker } from 'node:worker_threads';
import { DocumentError } from './errors.ts';
import type { ContentLimits, ExtractedText } from './extractors.ts';
import type { WorkerJob, WorkerReply } from './protocol.ts';

export { DocumentError, DOCUMENT_ERROR_STATUS } from './errors.ts';
export type { DocumentErrorCode, DocumentErrorDetails } from './errors.ts';
export type { ExtractedText } from './extractors.ts';
export type { DocumentKind } from './detect-type.ts';

export interface TextExtractorLimits {
  /** Largest file accepted, in bytes (MAX_UPLOAD_MB). Checked before any parsing. */
  maxBytes: number;
  /** Most pages a PDF may have (checked from the page tree before any text is extracted). */
  maxPages: number;
  /** Longest a single extraction may run in its worker, in milliseconds (worker start-up excluded). */
  timeoutMs: number;
  /** Longest text accepted, in UTF-16 code units like MAX_TEXT_CHARS. */
  maxChars: number;
  /** Worker threads; default 1. */
  poolSize?: number;
  /** Most bytes a DOCX may unpack to (declared and actual); default 10 × maxBytes. */
  maxUnzippedBytes?: number;
}

export interface UploadedFile {
  data: Buffer;
  /** Used in messages only. */
  filename: string;
  /** Accepted for the caller's convenience and ignored: the bytes decide. */
  mimetype?: string;
}

export interface TextExtractor {
  /** Rejects with DocumentError for anything wrong with the file. */
  extract(file: UploadedFile): Promise<ExtractedText>;
  /** Rejects queued and running jobs, terminates the workers, and resolves when they are gone. */
  close(): Promise<void>;
}

const WORKER_URL = new URL('./extract-worker.mjs', import.meta.url);
/** Loading tsx and pdf.js takes well under a second; this only catches a worker that never starts. */
const STARTUP_TIMEOUT_MS = 30_000;
/** pdf.js and mammoth build whole documents in memory; a hostile file should hit this, not the server. */
const WORKER_HEAP_MB = 512;
const MAX_POOL_SIZE = 16;

interface Job {
  file: UploadedFile;
  resolve: (result: ExtractedText) => void;
  reject: (error: Error) => void;
}

/** Thrown by extract() after close(), and by jobs that close() cut short: a server fault, not a 4xx. */
export class ExtractorClosedError extends Error {
  constructor() {
    super('The text extractor is closed.');
    this.name = 'ExtractorClosedError';
  }
}

/** One worker thread; runs one job at a time. Once `dead`, it is never used again. */
class DocumentWorker {
  dead = false;
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private current: {
    id: number;
    resolve: (result: ExtractedText) => void;
    reject: (error: Error) => void;
    timer: NodeJS.Timeout;
  } | null = null;
  private nextId = 1;
  private exited: Promise<void>;

  constructor(limits: ContentLimits) {
    this.worker = new Worker(WORKER_URL, {
      workerData: { limits },
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`Document worker did not start within ${STARTUP_TIMEOUT_MS} ms.`));
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
      this.worker.on('error', (error: Error & { code?: string }) => {
        clearTimeout(timer);
        this.dead = true;
        reject(new Error(`Document worker failed: ${error.message}`, { cause: error }));
        const failure = new DocumentError(
          'EXTRACTION_FAILED',
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? 'The document needs too much memory to read.'
            : 'The document could not be read.',
        );
        failure.cause = error;
        this.fail(failure);
      });
      this.worker.on('exit', () => {
        clearTimeout(timer);
        this.dead = true;
        reject(new Error('Document worker exited during start-up.'));
        this.fail(new DocumentError('EXTRACTION_FAILED', 'The document could not be read.'));
      });
    });
    // Whoever awaits `ready` sees the failure; this only keeps an unawaited one from being unhandled.
    this.ready.catch(() => undefined);
  }

  run(file: UploadedFile, timeoutMs: number): Promise<ExtractedText> {
    if (this.dead) return Promise.reject(new Error('Document worker is not running.'));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.fail(
          new DocumentError('EXTRACTION_TIMEOUT', `Reading the document took longer than ${timeoutMs} ms.`, {
            limit: timeoutMs,
          }),
        );
        void this.terminate();
      }, timeoutMs);
      this.current = { id, resolve, reject, timer };
      // A private copy: the caller's Buffer may share memory (Node's pool) and stays usable.
      const data = new Uint8Array(file.data);
      const job: WorkerJob = { id, data, filename: file.filename };
      this.worker.postMessage(job, [data.buffer]);
    });
  }

  /** Ends the thread; a running job is rejected with `reason` (default: extractor closed). */
  async terminate(reason: Error = new ExtractorClosedError()): Promise<void> {
    this.dead = true;
    this.fail(reason);
    await this.worker.terminate();
    await this.exited;
  }

  private settle(reply: Exclude<WorkerReply, { type: 'ready' }>): void {
    const current = this.current;
    if (!current || current.id !== reply.id) return;
    this.current = null;
    clearTimeout(current.timer);
    if (reply.type === 'done') {
      current.resolve(reply.result);
    } else {
      const error = new DocumentError(reply.code, reply.message, reply.details);
      if (reply.cause !== undefined) error.cause = reply.cause;
      current.reject(error);
    }
  }

  private fail(error: Error): void {
    const current = this.current;
    if (!current) return;
    this.current = null;
    clearTimeout(current.timer);
    current.reject(error);
  }
}

function checkLimit(name: string, value: number | undefined, max = Number.MAX_SAFE_INTEGER): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 1 || value > max)) {
    throw new RangeError(`createTextExtractor: ${name} must be an integer from 1 to ${max}, got ${value}.`);
  }
}

export function createTextExtractor(limits: TextExtractorLimits): TextExtractor {
  checkLimit('maxBytes', limits.maxBytes);
  checkLimit('maxPages', limits.maxPages);
  checkLimit('timeoutMs', limits.timeoutMs, 2 ** 31 - 1);
  checkLimit('maxChars', limits.maxChars);
  checkLimit('poolSize', limits.poolSize, MAX_POOL_SIZE);
  checkLimit('maxUnzippedBytes', limits.maxUnzippedBytes);
  const contentLimits: ContentLimits = {
    maxPages: limits.maxPages,
    maxChars: limits.maxChars,
    maxUnzippedBytes: limits.maxUnzippedBytes ?? 10 * limits.maxBytes,
  };
  // Workers start on first use, so creating an extractor at boot costs nothing.
  const slots: Array<{ worker: DocumentWorker | null; busy: boolean }> = Array.from(
    { length: limits.poolSize ?? 1 },
    () => ({ worker: null, busy: false }),
  );
  const queue: Job[] = [];
  let closed = false;

  function pump(): void {
    for (const slot of slots) {
      if (closed || slot.busy) continue;
      const job = queue.shift();
      if (!job) return;
      slot.busy = true;
      void runJob(slot, job).finally(() => {
        slot.busy = false;
        pump();
      });
    }
  }

  async function runJob(slot: (typeof slots)[number], job: Job): Promise<void> {
    try {
      if (!slot.worker || slot.worker.dead) slot.worker = new DocumentWorker(contentLimits);
      const worker = slot.worker;
      await worker.ready;
      if (closed) throw new ExtractorClosedError();
      job.resolve(await worker.run(job.file, limits.timeoutMs));
    } catch (error) {
      if (closed) job.reject(new ExtractorClosedError());
      else job.reject(error instanceof Error ? error : new Error(String(error)));
    } finally {
      // A worker that timed out or died is already terminating; start its replacement now, so the
      // next job does not wait for tsx and the libraries to load.
      if (slot.worker?.dead) slot.worker = closed ? null : new DocumentWorker(contentLimits);
    }
  }

  return {
    extract(file) {
      if (closed) return Promise.reject(new ExtractorClosedError());
      if (file.data.length > limits.maxBytes) {
        return Promise.reject(
          new DocumentError(
            'PAYLOAD_TOO_LARGE',
            `The file is ${file.data.length} bytes, more than the limit of ${limits.maxBytes} bytes.`,
            { limit: limits.maxBytes, actual: file.data.length },
          ),
        );
      }
      return new Promise<ExtractedText>((resolve, reject) => {
        queue.push({ file, resolve, reject });
        pump();
      });
    },

    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new ExtractorClosedError());
      await Promise.all(slots.map((slot) => slot.worker?.terminate()));
    },
  };
}
