import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDoctorContext } from '../../src/services/doctor/context.ts';
import { databaseChecks } from '../../src/services/doctor/database-check.ts';
import { runChecks } from '../../src/services/doctor/runner.ts';
import { LATEST_VERSION } from '../../src/storage/migrate.ts';
import { openStorage } from '../../src/storage/index.ts';
import { makeTempDir } from '../cli/helpers.ts';
import { testDialects, type TestDatabase } from '../helpers/databases.ts';

const dialects = await testDialects('doctor database check');

function databaseUrl(database: TestDatabase): string {
  return database.target.kind === 'sqlite' ? `sqlite:${database.target.file}` : database.target.url;
}

async function check(url: string, cwd: string) {
  const context = buildDoctorContext({ env: { DATABASE_URL: url }, cwd, production: true });
  const [item] = await runChecks(databaseChecks, context);
  if (item === undefined) throw new Error('no result');
  return item;
}

describe.each(dialects)('doctor: database on $name', ({ name, make, skip }) => {
  let database: TestDatabase;
  let folder: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    if (skip) return;
    database = await make();
    folder = await makeTempDir();
  });
  afterAll(async () => {
    if (skip) return;
    await database.drop();
    await folder.cleanup();
  });

  it.skipIf(skip)('fails an unmigrated database, then passes it once migrated', async () => {
    if (name === 'sqlite') {
      // Not even created yet: doctor says so instead of creating an empty file.
      expect((await check(databaseUrl(database), folder.dir)).detail).toMatch(/does not exist yet/);
      const empty = openStorage(database.target);
      await empty.close();
    }
    const before = await check(databaseUrl(database), folder.dir);
    expect(before.status).toBe('fail');
    expect(before.detail).toMatch(new RegExp(`at migration 0, this release needs ${LATEST_VERSION}`));
    expect(before.fix).toMatch(/textai migrate/);

    const storage = openStorage(database.target);
    await storage.migrate();
    expect(await storage.schemaVersion()).toBe(LATEST_VERSION);
    await storage.close();
    const after = await check(databaseUrl(database), folder.dir);
    expect(after.status).toBe('pass');
    expect(after.detail).toMatch(new RegExp(`reachable, migrated \\(version ${LATEST_VERSION}\\)`));
  });
});

describe('doctor: database unreachable', () => {
  it('fails with the driver’s reason and never the password in the URL', async () => {
    const folder = await makeTempDir();
    try {
      // Port 9 (discard) refuses connections on loopback.
      const item = await check('postgres://textai:hunter2-secret@127.0.0.1:9/textai', folder.dir);
      expect(item.status).toBe('fail');
      expect(item.detail).toMatch(/^cannot reach the database: .*ECONNREFUSED/);
      expect(item.detail).not.toContain('hunter2-secret');
    } finally {
      await folder.cleanup();
    }
  });
});
