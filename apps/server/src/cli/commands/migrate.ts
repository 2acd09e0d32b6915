import type { Command } from 'commander';
import { loadCliConfig } from '../config.ts';

/**
 * `textai migrate`: applies pending database migrations and prints what it did. Safe to run while
 * servers and workers start: all of them take the same lock (see storage/migrate.ts).
 */
export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (also done at server start)')
    .action(async () => {
      const config = loadCliConfig();
      const { openStorage } = await import('../../storage/index.ts');
      const storage = openStorage(config.database);
      try {
        const report = await storage.migrate();
        const where = config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL';
        if (report.applied.length === 0) {
          process.stdout.write(`database ${where} is up to date (version ${report.current})\n`);
        } else {
          for (const m of report.applied) process.stdout.write(`applied ${m.version} ${m.name}\n`);
          process.stdout.write(`database ${where} is at version ${report.current}\n`);
        }
      } finally {
        await storage.close();
      }
    });
}
