import { BackupError } from '../errors.ts';
import type { BackupManifest } from '../types.ts';
import type { DatabaseSnapshot } from './snapshot.ts';

/** Throws integrity-check-failed unless the restored database has the manifest's schema and rows. */
export function assertMatchesManifest(manifest: BackupManifest, restored: DatabaseSnapshot): void {
  const problems: string[] = [];
  if (restored.schemaVersion !== manifest.database.schemaVersion)
    problems.push(
      `schema version ${restored.schemaVersion ?? 'none'}, expected ${manifest.database.schemaVersion}`,
    );
  const tables = new Set([...Object.keys(manifest.database.rowCounts), ...Object.keys(restored.rowCounts)]);
  for (const table of [...tables].sort()) {
    const expected = manifest.database.rowCounts[table];
    const found = restored.rowCounts[table];
    if (expected !== found)
      problems.push(`${table}: ${found ?? 'missing'} rows, expected ${expected ?? 'no table'}`);
  }
  if (problems.length > 0)
    throw new BackupError(
      'integrity-check-failed',
      `the restored database does not match the backup (${problems.slice(0, 5).join('; ')})`,
    );
}
