import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { BackupError } from '../errors.ts';
import type { DatabaseSnapshot } from './snapshot.ts';

const WORKER_URL = new URL('./sqlite-snapshot-worker.mjs', import.meta.url);

type WorkerTask =
  { task: 'snapshot'; source: string; destination: string } | { task: 'inspect'; file: string };
type WorkerReply = ({ ok: true; integrity: string[] } & DatabaseSnapshot) | { ok: false; message: string };

/**
 * Copies the SQLite database at `source` into `destination` with SQLite's online backup API, while
 * servers and workers keep writing, and counts the copy's rows. Runs on a worker thread: the
 * copy is one long synchronous call (see the worker for why in one step).
 */
export async function snapshotSqlite(source: string, destination: string): Promise<DatabaseSnapshot> {
  const reply = await runWorker(
    { task: 'snapshot', source, destination },
    `cannot copy the SQLite database ${source}`,
  );
  return { schemaVersion: reply.schemaVersion, rowCounts: reply.rowCounts };
}

/** SQLite's integrity check of a restored file ("ok" when sound) and its row counts. */
export async function inspectSqlite(file: string): Promise<DatabaseSnapshot & { integrity: string[] }> {
  const reply = await runWorker({ task: 'inspect', file }, `cannot open the restored database ${file}`);
  return { schemaVersion: reply.schemaVersion, rowCounts: reply.rowCounts, integrity: reply.integrity };
}

async function runWorker(task: WorkerTask, failure: string): Promise<Extract<WorkerReply, { ok: true }>> {
  const worker = new Worker(WORKER_URL, { workerData: task, execArgv: [] });
  try {
    const [reply] = (await Promise.race([
      once(worker, 'message'),
      once(worker, 'exit').then(() => [{ ok: false, message: 'its thread stopped' }]),
    ])) as [WorkerReply];
    if (!reply.ok) throw new BackupError('io', `${failure}: ${reply.message}`);
    return reply;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError('io', `${failure}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await worker.terminate();
  }
}
