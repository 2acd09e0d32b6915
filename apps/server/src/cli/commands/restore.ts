import path from 'node:path';
import type { Command } from 'commander';
import { backupCommand, describeManifest, manifestJson } from '../backup-output.ts';
import { loadCliConfig } from '../config.ts';
import { CliError } from '../errors.ts';

interface RestoreOptions {
  dataDir: string;
  databaseUrl?: string;
  json?: boolean;
}

const HELP = `
The whole backup is verified first (BACKUP_KEY, every segment's authentication tag, every file's
checksum); a wrong key, a truncated or a damaged file is refused before anything is written.
The data folder must not exist or be empty. A SQLite database is restored into it (textai.db)
and passes SQLite's integrity check; a PostgreSQL backup needs an empty database — the URL from
--database-url, else DATABASE_URL (which keeps the password off the command line) — and is
restored in one transaction. Row counts and schema version must then match the backup.

Examples:
  textai restore backups/textai-backup-2026-01-20T03-00-00.000Z.tbk --data-dir /srv/textai/data-restored
  DATABASE_URL=postgres://textai@db/textai_restored textai restore FILE --data-dir /srv/textai/data
`;

/** `textai restore FILE --data-dir DIR`: restore a backup into a fresh data folder. */
export function registerRestoreCommand(program: Command): void {
  program
    .command('restore')
    .description('restore a backup into a new, empty data folder (and an empty PostgreSQL database)')
    .argument('<file>', 'the backup file')
    .requiredOption('--data-dir <dir>', 'the data folder to create (must not exist or be empty)')
    .option(
      '--database-url <url>',
      'PostgreSQL backups: the empty database to restore into (default DATABASE_URL)',
    )
    .option('--json', 'print the restored backup’s manifest as JSON')
    .addHelpText('after', HELP)
    .action((file: string, options: RestoreOptions) => backupCommand(() => restore(file, options)));
}

async function restore(file: string, options: RestoreOptions): Promise<void> {
  const config = loadCliConfig();
  const { BackupError, restoreBackup } = await import('../../services/backup/index.ts');
  const dataDir = path.resolve(options.dataDir);
  const configuredPostgres = config.database.kind === 'postgres' ? config.database.url : undefined;
  const databaseUrl = options.databaseUrl ?? configuredPostgres;
  const manifest = await restoreBackup(path.resolve(file), config.backup.key, {
    dataDir,
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
  }).catch((error: unknown) => {
    if (
      error instanceof BackupError &&
      error.code === 'incompatible-target' &&
      options.databaseUrl === undefined
    )
      throw new CliError(
        `${error.message} (the target came from DATABASE_URL; unset it to restore a SQLite backup)`,
      );
    throw error;
  });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ data_dir: dataDir, ...manifestJson(manifest) })}\n`);
    return;
  }
  process.stdout.write(`restored ${file} into ${dataDir}: ${describeManifest(manifest)}\n`);
  process.stdout.write(
    'integrity check passed (database check, schema version and row counts match the backup)\n',
  );
  const database =
    manifest.database.kind === 'sqlite' ? '' : ' and DATABASE_URL pointing at the restored database';
  process.stdout.write(`start the server on it with DATA_DIR=${dataDir}${database}\n`);
}
