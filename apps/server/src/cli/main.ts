import { Command, CommanderError } from 'commander';
import serverPackage from '../../package.json' with { type: 'json' };
import { registerAlertCommand } from './commands/alert.ts';
import { registerAnalyzeCommand } from './commands/analyze.ts';
import { registerBackupCommand } from './commands/backup.ts';
import { registerDoctorCommand } from './commands/doctor.ts';
import { registerEvalCommand } from './commands/eval.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerModelsCommand } from './commands/models.ts';
import { registerRestoreCommand } from './commands/restore.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerSmokeCommand } from './commands/smoke.ts';
import { registerUsersCommand } from './commands/users.ts';
import { registerWorkerCommand } from './commands/worker.ts';
import { registerTrainCommand } from './commands/train.ts';
import { registerKeysCommand } from './commands/keys.ts';
import { CliError } from './errors.ts';

/**
 * The `textai` program. Commands register themselves here and keep their heavy imports inside
 * their actions, so `--help` stays fast. A command reports its exit status through
 * process.exitCode and throws CliError for a fatal problem.
 */
export function buildProgram(): Command {
  const program = new Command('textai')
    .description(
      'TextAI Studio: sentiment, summarization, fake-news detection and resume/job matching, offline.',
    )
    .version(serverPackage.version)
    // Throw instead of calling process.exit, so pending output is flushed and main decides the status.
    .exitOverride()
    .showHelpAfterError('(add --help for usage)');
  registerServeCommand(program);
  registerWorkerCommand(program);
  registerAnalyzeCommand(program);
  registerTrainCommand(program);
  registerEvalCommand(program);
  registerMigrateCommand(program);
  registerUsersCommand(program);
  registerKeysCommand(program);
  registerBackupCommand(program);
  registerRestoreCommand(program);
  registerDoctorCommand(program);
  registerAlertCommand(program);
  registerModelsCommand(program);
  registerSmokeCommand(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  // A reader that stops early (`textai analyze … | head`) closes the pipe: stop quietly, as a
  // program killed by SIGPIPE would, instead of printing a stack trace for EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(1);
    throw error;
  });
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (error) {
    process.exitCode = exitStatusOf(error);
  }
}

function exitStatusOf(error: unknown): number {
  // Commander has already printed its message (or the help/version text, with status 0).
  if (error instanceof CommanderError) return error.exitCode;
  if (error instanceof CliError) {
    process.stderr.write(`textai: ${error.message}\n`);
    return 1;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`textai: unexpected error: ${detail}\n`);
  return 1;
}
