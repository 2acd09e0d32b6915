/**
 * Body of a job worker thread (started through chunk-worker.mjs). Runs one chunk at a time with
 * models it loads on first use, except those that come shared in workerData (the language table and
 * the linear models the process had loaded), and sends back the encoded results (transferred, not
 * copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { useLinearModels } from '@textai/core/models';
import { useLanguageTableBuffer } from '@textai/core/models/language-table';
import type { WorkerReply, WorkerRequest, WorkerStartData } from './protocol.ts';
import { ChunkRunner } from './run-chunk.ts';

if (!parentPort) throw new Error('chunk-worker must run in a worker thread');
const port = parentPort;
const { languageTable, linearModels } = (workerData ?? {}) as Partial<WorkerStartData>;
if (!(languageTable instanceof SharedArrayBuffer)) throw new Error('chunk-worker needs the language table');
// The process's table and models, not copies: this thread reads the same memory.
useLanguageTableBuffer(languageTable);
if (linearModels !== undefined) useLinearModels(linearModels);
const runner = new ChunkRunner();

// Analysing text needs no network; nothing loaded here may reach it.
globalThis.fetch = () => Promise.reject(new Error('network access is disabled in the job worker'));

port.on('message', (request: WorkerRequest) => {
  runner.run(request).then(
    (output) => {
      const reply: WorkerReply = { type: 'done', id: request.id, ...output };
      port.postMessage(reply, [output.results.buffer as ArrayBuffer]);
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage({ type: 'failed', id: request.id, message } satisfies WorkerReply);
    },
  );
});
port.postMessage({ type: 'ready' } satisfies WorkerReply);
