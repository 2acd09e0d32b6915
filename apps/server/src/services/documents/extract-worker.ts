/**
 * Body of a document worker thread (started through extract-worker.mjs, which registers tsx first).
 * It loads the libraries, says `ready`, then answers one job at a time. The pool in extract-text.ts
 * owns the timeout: a job that runs too long is ended by terminating this thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DocumentError } from './errors.ts';
import { extractDocument, preloadLibraries, type ContentLimits } from './extractors.ts';
import type { WorkerJob, WorkerReply } from './protocol.ts';

if (!parentPort) throw new Error('extract-worker must run in a worker thread');
const port = parentPort;
const limits = (workerData as { limits: ContentLimits }).limits;

// Parsing documents needs no network; make sure nothing in the libraries can reach it from here.
globalThis.fetch = () => Promise.reject(new Error('network access is disabled in the document worker'));

await preloadLibraries();

port.on('message', (job: WorkerJob) => {
  void run(job);
});
port.postMessage({ type: 'ready' } satisfies WorkerReply);

async function run(job: WorkerJob): Promise<void> {
  let reply: WorkerReply;
  try {
    const data = Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength);
    reply = { type: 'done', id: job.id, result: await extractDocument(data, job.filename, limits) };
  } catch (error) {
    reply =
      error instanceof DocumentError
        ? { type: 'failed', id: job.id, code: error.code, message: error.message, details: error.details }
        : {
            type: 'failed',
            id: job.id,
            code: 'EXTRACTION_FAILED',
            message: 'The document could not be read.',
            cause: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          };
  }
  port.postMessage(reply);
}
