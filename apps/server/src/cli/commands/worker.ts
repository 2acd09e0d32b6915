import type { Command } from 'commander';
import { loadCliConfig } from '../config.ts';
import { CliError } from '../errors.ts';

/** `textai worker`: a batch-job worker process (threads: WORKER_CONCURRENCY, default one per core). */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'run batch job chunks: BullMQ wake-ups with REDIS_URL, and the database in any case (SIGTERM finishes the chunks in hand)',
    )
    .action(async () => {
      const config = loadCliConfig();
      const [{ startWorker }, { ConfigError }] = await Promise.all([
        import('../../worker.ts'),
        import('../../config.ts'),
      ]);
      try {
        await startWorker(config, { handleSignals: true });
      } catch (error) {
        if (error instanceof ConfigError) throw new CliError(error.message);
        throw error;
      }
    });
}
