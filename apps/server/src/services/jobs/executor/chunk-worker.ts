/**
 * Body of a job worker thread (started through chunk-worker.mjs). Runs one chunk at a time with
 * models it loads on first use, and sends back the encoded results (transferred, not copied).
 */
import { parentPort } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './protocol.ts';
import { ChunkRunner } from './run-chunk.ts';

if (!parentPort) throw new Error('chunk-worker must run in a worker thread');
const port = parentPort;
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
