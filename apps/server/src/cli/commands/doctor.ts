import type { Command } from 'commander';
import { exitWhenDone } from '../exit-when-done.ts';

/**
 * `textai doctor [--production] [--json]`: checks this deployment against the production
 * checklist, from the folder it runs in (its .env), and exits 1 when any check fails.
 */
export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description(
      'check this deployment (settings, files, database, models, backups, HTTPS, audit); exit 1 on any fail',
    )
    .option('--production', 'apply the production rules even when APP_ENV is not production')
    .option('--json', 'print the results as JSON')
    .action(async (options: { production?: boolean; json?: boolean }) => {
      const [{ readProcessEnv }, { runDoctor }, { checklistExitStatus }, output] = await Promise.all([
        import('../../config.ts'),
        import('../../services/doctor/index.ts'),
        import('../../services/checklist.ts'),
        import('../checklist-output.ts'),
      ]);
      const { production, items } = await runDoctor({
        env: readProcessEnv(),
        cwd: process.cwd(),
        production: options.production === true,
      });
      process.stdout.write(
        options.json
          ? output.formatChecklistJson(items, { production })
          : output.formatChecklist(
              `TextAI Studio doctor (${production ? 'production' : 'development'} rules) in ${process.cwd()}`,
              items,
              process.stdout.isTTY,
            ),
      );
      process.exitCode = checklistExitStatus(items);
      exitWhenDone();
    });
}
