import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

const WORKER_URL = new URL('./checkpoint-worker.mjs', import.meta.url);

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Copies the WAL back into the database file from a thread of its own, every `intervalMs`.
 * better-sqlite3 is synchronous, so a checkpoint SQLite runs by itself at commit (every 1,000 WAL
 * pages) stalls the event loop for as long as it takes — the server's worst latencies under load
 * were those stalls. A PASSIVE checkpoint on another connection runs beside the writer without
 * blocking it. The server's own connection keeps a far-off automatic checkpoint as a fallback in
 * case this thread ever stops.
 */
export function startCheckpointer(
  file: string,
  intervalMs: number,
  onError: (message: string) => void = () => undefined,
): Checkpointer {
  const worker = new Worker(WORKER_URL, { workerData: { file, intervalMs }, execArgv: [] });
  worker.on('message', (message: { type: string; message?: string }) => {
    if (message.type === 'error') onError(message.message ?? 'checkpoint failed');
  });
  worker.on('error', (error) => onError(error.message));
  worker.unref();
  return {
    async stop() {
      if (worker.threadId === -1) return;
      const stopped = once(worker, 'message');
      worker.postMessage('stop');
      await Promise.race([stopped, once(worker, 'exit')]);
      await worker.terminate();
    },
  };
}
