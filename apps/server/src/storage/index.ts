import { sql } from 'kysely';
import type { DatabaseTarget } from '../config.ts';
import { kyselyRepositories } from './kysely/index.ts';
import { appliedVersion, migrate, type MigrationReport } from './migrate.ts';
import { probeWrite } from './probe-write.ts';
import { openPostgres } from './postgres/open.ts';
import type { Storage } from './repositories.ts';
import { openSqlite, type SqliteOptions } from './sqlite/open.ts';

export type { Storage } from './repositories.ts';

export interface OpenedStorage extends Storage {
  migrate(): Promise<MigrationReport>;
  /** The newest migration applied (0: none), without applying any. */
  schemaVersion(): Promise<number>;
}

/** Opens the configured database; call migrate() before serving (the server and workers do). */
export function openStorage(target: DatabaseTarget, options: SqliteOptions = {}): OpenedStorage {
  if (target.kind === 'sqlite') {
    const handle = openSqlite(target.file, options);
    const repos = kyselyRepositories(handle.db, 'sqlite');
    return {
      dialect: 'sqlite',
      ...repos,
      transaction: (work) =>
        handle.db.transaction().execute((trx) => work(kyselyRepositories(trx, 'sqlite'))),
      async ping() {
        await sql`select 1`.execute(handle.db);
      },
      probeWrite: () => probeWrite(handle.db),
      sizeBytes: () => Promise.resolve(handle.sizeBytes()),
      close: () => handle.close(),
      migrate: () => migrate(handle.db, 'sqlite'),
      schemaVersion: () => appliedVersion(handle.db),
    };
  }
  const handle = openPostgres(target.url);
  const repos = kyselyRepositories(handle.db, 'postgres');
  return {
    dialect: 'postgres',
    ...repos,
    transaction: (work) =>
      handle.db.transaction().execute((trx) => work(kyselyRepositories(trx, 'postgres'))),
    async ping() {
      await sql`select 1`.execute(handle.db);
    },
    probeWrite: () => probeWrite(handle.db),
    sizeBytes: () => handle.sizeBytes(),
    close: () => handle.db.destroy(),
    migrate: () => migrate(handle.db, 'postgres'),
    schemaVersion: () => appliedVersion(handle.db),
  };
}
