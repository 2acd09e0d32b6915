import type { Command } from 'commander';
import { loadCliConfig } from '../config.ts';
import { startOrExplain } from '../startup-errors.ts';

/** `textai worker`: a batch-job worker process (threads: WORKER_CONCURRENCY, default one per core). */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'run batch job chunks: BullMQ wake-ups with REDIS_URL, and the database in any case (SIGTERM finishes the chunks in hand)',
    )
    .action(async () => {
      const config = loadCliConfig();
      const { startWorker } = await import('../../worker.ts');
      await startOrExplain(config, () => startWorker(config, { handleSignals: true }));
    });
}
