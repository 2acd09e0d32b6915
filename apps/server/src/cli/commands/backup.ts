import path from 'node:path';
import type { Command } from 'commander';
import { backupCommand, describeManifest, formatBytes, manifestJson } from '../backup-output.ts';
import { loadCliConfig } from '../config.ts';

interface BackupOptions {
  verify?: string;
  dir?: string;
  json?: boolean;
}

const HELP = `
A backup holds an online, consistent snapshot of the database (SQLite's backup API, or pg_dump
for PostgreSQL) and every other file in DATA_DIR, compressed and encrypted with AES-256-GCM
under a key derived from BACKUP_KEY. Files are 0600 in a 0700 folder. After a backup, backups
older than BACKUP_RETENTION_DAYS are deleted (never the newest, never files not named as ours).

Without BACKUP_KEY the backup is written unencrypted (integrity-checked only) with a warning;
production (APP_ENV=production) refuses that. Keep BACKUP_KEY somewhere other than the backups.

Examples:
  textai backup
  textai backup --dir /mnt/backups --json
  textai backup --verify /mnt/backups/textai-backup-2026-01-20T03-00-00.000Z.tbk
`;

/** `textai backup`: write a backup and prune old ones, or `--verify FILE` without restoring it. */
export function registerBackupCommand(program: Command): void {
  program
    .command('backup')
    .description('back up the database and data folder into BACKUP_DIR (encrypted), or verify a backup')
    .option('--verify <file>', 'check a backup (key, every segment, every file checksum); writes nothing')
    .option('--dir <dir>', 'write into this folder instead of BACKUP_DIR (retention applies there)')
    .option('--json', 'print the result as one JSON object')
    .addHelpText('after', HELP)
    .action((options: BackupOptions) =>
      backupCommand(() =>
        options.verify === undefined ? writeBackup(options) : verify(options.verify, options),
      ),
    );
}

async function writeBackup(options: BackupOptions): Promise<void> {
  const loaded = loadCliConfig();
  const config =
    options.dir === undefined
      ? loaded
      : { ...loaded, backup: { ...loaded.backup, dir: path.resolve(options.dir) } };
  const { createBackup, pruneBackups } = await import('../../services/backup/index.ts');
  const { MIN_PRODUCTION_KEY_CHARS } = await import('../../services/backup/format/keys.ts');
  const result = await createBackup(config);
  const pruned = await pruneBackups(config.backup.dir, config.backup.retentionDays, result.createdAt);
  if (!result.encrypted)
    process.stderr.write(
      'textai: warning: BACKUP_KEY is not set, so this backup is NOT encrypted (production refuses this); set BACKUP_KEY (openssl rand -hex 32)\n',
    );
  else if ((config.backup.key ?? '').length < MIN_PRODUCTION_KEY_CHARS)
    process.stderr.write(
      `textai: warning: BACKUP_KEY is shorter than ${MIN_PRODUCTION_KEY_CHARS} characters (production refuses this)\n`,
    );
  if (options.json) {
    const json = {
      file: result.file,
      bytes: result.bytes,
      created_at: new Date(result.createdAt).toISOString(),
      encrypted: result.encrypted,
      pruned,
    };
    process.stdout.write(`${JSON.stringify(json)}\n`);
    return;
  }
  const protection = result.encrypted ? 'encrypted' : 'NOT encrypted';
  process.stdout.write(`backup written: ${result.file} (${formatBytes(result.bytes)}, ${protection})\n`);
  for (const file of pruned)
    process.stdout.write(`pruned (older than ${config.backup.retentionDays} days): ${file}\n`);
}

async function verify(file: string, options: BackupOptions): Promise<void> {
  const config = loadCliConfig();
  const { verifyBackup } = await import('../../services/backup/index.ts');
  const manifest = await verifyBackup(path.resolve(file), config.backup.key);
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ file: path.resolve(file), ok: true, ...manifestJson(manifest) })}\n`,
    );
    return;
  }
  process.stdout.write(`${file}: ok — ${describeManifest(manifest)}\n`);
}
