import { existsSync, statSync } from 'node:fs';
import { LATEST_VERSION } from '../../storage/migrate.ts';
import type { CheckOutcome } from '../checklist.ts';
import { octalMode } from './env-file-checks.ts';
import { outcome, pass, type DoctorCheck, type DoctorContext } from './types.ts';

/** Connects, pings and reads the applied migration, without migrating or writing anything. */
async function inspect(ctx: DoctorContext): Promise<CheckOutcome> {
  const { openStorage } = await import('../../storage/index.ts');
  const storage = openStorage(ctx.config.database);
  try {
    await storage.ping();
    const version = await storage.schemaVersion();
    const where = ctx.config.database.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    if (version < LATEST_VERSION) {
      return outcome(
        ctx.severe,
        `${where} at migration ${version}, this release needs ${LATEST_VERSION}`,
        'run textai migrate (servers also migrate when they start)',
      );
    }
    if (version > LATEST_VERSION) {
      return outcome(
        'fail',
        `${where} at migration ${version}, newer than this release (${LATEST_VERSION})`,
        'run the release that migrated it, or restore a backup taken before the upgrade',
      );
    }
    return pass(`${where} reachable, migrated (version ${version})`);
  } finally {
    await storage.close();
  }
}

const database: DoctorCheck = {
  id: 'database',
  title: 'Database reachable and migrated',
  async run(ctx) {
    const target = ctx.config.database;
    if (target.kind === 'sqlite' && target.file !== ':memory:') {
      // Opening would create an empty file: say that it is missing instead.
      if (!existsSync(target.file)) {
        return outcome(
          ctx.severe,
          `${target.file} does not exist yet`,
          'run textai migrate, or start the server once',
        );
      }
      const mode = statSync(target.file).mode;
      if ((mode & 0o077) !== 0) {
        return outcome(
          ctx.severe,
          `${target.file} is ${octalMode(mode)}: other accounts can read password hashes and texts`,
          `chmod 600 ${target.file}`,
        );
      }
    }
    try {
      return await inspect(ctx);
    } catch (error) {
      // Driver messages name the host and the problem; they never include the URL's password.
      const message = error instanceof Error ? error.message : String(error);
      return outcome(
        'fail',
        `cannot reach the database: ${message}`,
        'check DATABASE_URL and that the database server runs',
      );
    }
  },
};

export const databaseChecks: DoctorCheck[] = [database];
