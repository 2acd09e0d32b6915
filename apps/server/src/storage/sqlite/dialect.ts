import type BetterSqlite3 from 'better-sqlite3';
import {
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';

/**
 * SQLite rolls a transaction back by itself when a statement in it fails with SQLITE_FULL,
 * SQLITE_IOERR, SQLITE_BUSY or SQLITE_NOMEM. Kysely then sends its own ROLLBACK, which fails with
 * "cannot rollback - no transaction is active" and is thrown in place of the real error: a full
 * disk surfaced as an unexplained 500 instead of 503 STORAGE_UNAVAILABLE. This driver skips the
 * rollback SQLite has already done, so the cause reaches the caller.
 */
class SqliteDriverKeepingCause extends SqliteDriver {
  constructor(
    config: SqliteDialectConfig,
    private readonly raw: BetterSqlite3.Database,
  ) {
    super(config);
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.raw.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}

export class SqliteDialectKeepingCause extends SqliteDialect {
  constructor(
    private readonly driverConfig: SqliteDialectConfig,
    private readonly raw: BetterSqlite3.Database,
  ) {
    super(driverConfig);
  }

  override createDriver(): Driver {
    return new SqliteDriverKeepingCause(this.driverConfig, this.raw);
  }
}
