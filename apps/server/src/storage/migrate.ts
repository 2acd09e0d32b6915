import { sql, type Kysely } from 'kysely';
import { MIGRATIONS, type Migration } from './migrations/index.ts';
import type { Database } from './schema.ts';

export interface MigrationReport {
  applied: { version: number; name: string }[];
  current: number;
}

/**
 * Applies pending migrations in one transaction under a lock, so that several processes starting
 * at once (server replicas, workers, `textai migrate`) apply each migration exactly once: the
 * others wait for the lock, then find nothing left to do. PostgreSQL takes a transaction-scoped
 * advisory lock; SQLite's BEGIN IMMEDIATE takes the database's write lock up front (a deferred
 * BEGIN would let two processes read "pending" before either writes).
 */
export async function migrate(
  db: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationReport> {
  return db.connection().execute(async (conn) => {
    await sql`BEGIN${dialect === 'sqlite' ? sql` IMMEDIATE` : sql``}`.execute(conn);
    try {
      if (dialect === 'postgres') {
        await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`.execute(conn);
      }
      await conn.schema
        .createTable('schema_migrations')
        .ifNotExists()
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('applied_at', 'bigint', (c) => c.notNull())
        .execute();
      const done = new Set(
        (await conn.selectFrom('schema_migrations').select('version').execute()).map((r) =>
          Number(r.version),
        ),
      );
      const applied: MigrationReport['applied'] = [];
      for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
        if (done.has(migration.version)) continue;
        await migration.up(conn as unknown as Kysely<unknown>, dialect);
        await conn
          .insertInto('schema_migrations')
          .values({ version: migration.version, name: migration.name, applied_at: Date.now() })
          .execute();
        applied.push({ version: migration.version, name: migration.name });
      }
      await sql`COMMIT`.execute(conn);
      const current = Math.max(0, ...done, ...applied.map((a) => a.version));
      return { applied, current };
    } catch (error) {
      await sql`ROLLBACK`.execute(conn);
      throw error;
    }
  });
}

/**
 * The newest migration applied to this database, 0 when it has none; reads only, so `textai doctor`
 * can tell a database that is behind this build without migrating it.
 */
export async function appliedVersion(db: Kysely<Database>): Promise<number> {
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === 'schema_migrations')) return 0;
  const row = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** Latest version known to this build; a database ahead of it was migrated by a newer release. */
export const LATEST_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/** Arbitrary constant naming this application's advisory lock. */
const MIGRATION_LOCK_ID = 724_311_001;
