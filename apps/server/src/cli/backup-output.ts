import type { BackupManifest } from '../services/backup/index.ts';
import { CliError } from './errors.ts';

/** Shared by `textai backup` and `textai restore`: error mapping and human-readable summaries. */

/** A BackupError becomes a CLI error (`textai: <message>`, status 1); anything else is a bug. */
export async function backupCommand(work: () => Promise<void>): Promise<void> {
  const { BackupError } = await import('../services/backup/index.ts');
  try {
    await work();
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message);
    throw error;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** One line describing a verified backup. */
export function describeManifest(manifest: BackupManifest): string {
  const files = manifest.entries.length - 1;
  const bytes = manifest.entries.reduce((sum, e) => sum + e.bytes, 0);
  const rows = ['users', 'api_keys', 'history', 'jobs']
    .filter((table) => manifest.database.rowCounts[table] !== undefined)
    .map((table) => `${manifest.database.rowCounts[table]} ${table.replace('_', ' ')}`)
    .join(', ');
  return (
    `${manifest.encrypted ? 'encrypted' : 'NOT encrypted'}, made ${new Date(manifest.createdAt).toISOString()} ` +
    `by TextAI Studio ${manifest.appVersion}; ${manifest.database.kind} database at schema ` +
    `${manifest.database.schemaVersion} (${rows}); ${files} data file${files === 1 ? '' : 's'}; ` +
    `${formatBytes(bytes)} uncompressed`
  );
}

/** The manifest as the commands print it with --json (snake_case, like the API). */
export function manifestJson(manifest: BackupManifest): Record<string, unknown> {
  return {
    format_version: manifest.formatVersion,
    app_version: manifest.appVersion,
    created_at: new Date(manifest.createdAt).toISOString(),
    encrypted: manifest.encrypted,
    database: {
      kind: manifest.database.kind,
      schema_version: manifest.database.schemaVersion,
      row_counts: manifest.database.rowCounts,
    },
    entries: manifest.entries,
  };
}
