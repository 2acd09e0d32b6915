import type pg from 'pg';
import { runPostgresTool } from './libpq.ts';
import { withPostgresClient } from './postgres-client.ts';
import type { DatabaseSnapshot } from './snapshot.ts';

/**
 * Dumps the PostgreSQL database at `url` into `destination` (pg_dump custom format). The row
 * counts and schema version are read inside a REPEATABLE READ transaction whose snapshot pg_dump
 * then uses (--snapshot), so they describe exactly the dumped data while servers keep writing.
 */
export function snapshotPostgres(url: string, destination: string): Promise<DatabaseSnapshot> {
  return withPostgresClient(url, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const snapshot =
        (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]?.id ?? '';
      const counts = await countRows(client);
      const options = ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`];
      await runPostgresTool('pg_dump', [...options, `--file=${destination}`], url);
      return counts;
    } finally {
      await client.query('COMMIT');
    }
  });
}

/** Rows per table of the current schema, and the applied migration (null when never migrated). */
export async function countRows(client: pg.ClientBase): Promise<DatabaseSnapshot> {
  const tables = (
    await client.query<{ name: string }>(
      'select tablename as name from pg_tables where schemaname = current_schema() order by tablename',
    )
  ).rows.map((r) => r.name);
  const rowCounts: Record<string, number> = {};
  for (const table of tables) {
    const quoted = `"${table.replaceAll('"', '""')}"`;
    const result = await client.query<{ n: string }>(`select count(*)::text as n from ${quoted}`);
    rowCounts[table] = Number(result.rows[0]?.n ?? 0);
  }
  const schemaVersion = tables.includes('schema_migrations')
    ? Number(
        (await client.query<{ v: number | null }>('select max(version) as v from schema_migrations')).rows[0]
          ?.v ?? 0,
      )
    : null;
  return { schemaVersion, rowCounts };
}
