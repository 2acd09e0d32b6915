import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { restoreBackup, verifyBackup } from '../../src/services/backup/index.ts';
import { BrowserClient, createKey, createTestApp, type TestApp } from '../helpers/app.ts';
import { testDialects, type TestDatabase } from '../helpers/databases.ts';
import { reviewsCsv } from '../jobs/fixtures.ts';
import { download, postJob, waitForJob } from '../jobs/helpers.ts';
import { BACKUP_KEY, deploymentEnv, modeOf, runTextai, sqliteInDataDir, tempDir } from './helpers.ts';

const dialects = await testDialects('backups');

/** What a deployment holds before the backup, read back through the API after the restore. */
interface Activity {
  key: string;
  history: unknown[];
  jobId: string;
  jobResult: string;
}

async function useTheApp(t: TestApp): Promise<Activity> {
  const alice = new BrowserClient(t.app, '10.0.0.7');
  expect((await alice.signup('alice')).statusCode).toBe(201);
  expect((await new BrowserClient(t.app, '10.0.0.8').signup('bob')).statusCode).toBe(201);
  const key = await createKey(alice, { name: 'backup test', scopes: ['tools', 'batch', 'history'] });
  const headers = { 'x-api-key': key };
  for (const text of ['What a wonderful, friendly place.', 'The worst service I have had.']) {
    const call = await t.app.inject({ method: 'POST', url: '/api/v1/sentiment', payload: { text }, headers });
    expect(call.statusCode).toBe(200);
  }
  const posted = await postJob(
    t.app,
    key,
    { data: reviewsCsv(6), filename: 'reviews.csv' },
    { tool: 'sentiment' },
  );
  expect(posted.statusCode, posted.body).toBe(202);
  const job = await waitForJob(t.app, key, posted.json<{ id: string }>().id);
  expect(job).toMatchObject({ status: 'done', rows_done: 6 });
  const jobResult = (await download(t.app, key, job.id, 'jsonl')).body;
  // Reading history flushes the write-behind buffer, so the backup sees every entry.
  const history = (await t.app.inject({ method: 'GET', url: '/api/v1/history', headers })).json<{
    data: unknown[];
  }>().data;
  expect(history.length).toBe(3);
  return { key, history, jobId: job.id, jobResult };
}

describe.each(dialects)('backup → wipe → restore on $name', { timeout: 180_000 }, ({ name, make, skip }) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it.skipIf(skip)('brings back the same users, API keys, history, job results and files', async () => {
    const source = tempDir('backup-source');
    const safe = tempDir('backup-safe');
    const restored = tempDir('backup-restored');
    cleanups.push(source.remove, safe.remove, restored.remove);
    const sourceDb: TestDatabase = name === 'sqlite' ? sqliteInDataDir(source.dir) : await make();
    const targetDb: TestDatabase | undefined = name === 'sqlite' ? undefined : await make();
    if (targetDb) cleanups.push(() => targetDb.drop());

    const t = await createTestApp({ DATA_DIR: source.dir, BACKUP_KEY }, { database: sourceDb });
    let sourceOpen = true;
    cleanups.push(() => (sourceOpen ? t.close() : undefined));
    const before = await useTheApp(t);
    mkdirSync(path.join(source.dir, 'uploads'));
    writeFileSync(path.join(source.dir, 'uploads', 'report.txt'), 'quarterly report, not a dataset row\n');
    // An expired backup of ours and someone else's file, in the default BACKUP_DIR (DATA_DIR/backups).
    const backups = path.join(source.dir, 'backups');
    mkdirSync(backups, { mode: 0o700 });
    writeFileSync(path.join(backups, 'textai-backup-2001-02-03T04-05-06.007Z.tbk'), 'old');
    writeFileSync(path.join(backups, 'notes.txt'), 'not ours');

    // Online: the server (in-process app) keeps its database open during the backup.
    const env = deploymentEnv(source.dir, sourceDb, { BACKUP_KEY });
    const backup = await runTextai(['backup', '--json'], env);
    expect(backup.code, backup.output).toBe(0);
    const written = JSON.parse(backup.lines.find((l) => l.startsWith('{')) ?? '{}') as {
      file: string;
      encrypted: boolean;
      pruned: string[];
    };
    expect(written.encrypted).toBe(true);
    expect(written.pruned).toEqual([path.join(backups, 'textai-backup-2001-02-03T04-05-06.007Z.tbk')]);
    expect(readdirSync(backups).sort()).toEqual([path.basename(written.file), 'notes.txt'].sort());
    expect(modeOf(written.file)).toBe(0o600);
    expect(modeOf(backups)).toBe(0o700);

    const checked = await runTextai(['backup', '--verify', written.file], env);
    expect(checked.code, checked.output).toBe(0);
    expect(checked.output).toMatch(
      /: ok — encrypted, .* database at schema \d+ \(2 users, 1 api keys, 3 history, 1 jobs\)/,
    );
    const manifest = await verifyBackup(written.file, BACKUP_KEY);
    // The database travels as its snapshot only (no -wal/-shm), and backups are not backed up.
    expect(manifest.entries.map((e) => e.name)).toEqual([
      name === 'sqlite' ? 'database/textai.db' : 'database/postgres.dump',
      'data/uploads/report.txt',
    ]);

    // Wipe: the backup goes to another disk, the deployment and its database are gone.
    const file = path.join(safe.dir, path.basename(written.file));
    renameSync(written.file, file);
    sourceOpen = false;
    await t.close();
    expect(existsSync(source.dir)).toBe(name !== 'sqlite');
    source.remove();

    const restoreArgs = ['restore', file, '--data-dir', path.join(restored.dir, 'data')];
    if (targetDb?.target.kind === 'postgres') restoreArgs.push('--database-url', targetDb.target.url);
    const restore = await runTextai(restoreArgs, { APP_ENV: 'test', BACKUP_KEY });
    expect(restore.code, restore.output).toBe(0);
    expect(restore.output).toMatch(/integrity check passed/);
    const dataDir = path.join(restored.dir, 'data');
    expect(modeOf(dataDir)).toBe(0o700);
    expect(readFileSync(path.join(dataDir, 'uploads', 'report.txt'), 'utf8')).toBe(
      'quarterly report, not a dataset row\n',
    );
    expect(modeOf(path.join(dataDir, 'uploads', 'report.txt'))).toBe(0o600);
    if (name === 'sqlite') expect(modeOf(path.join(dataDir, 'textai.db'))).toBe(0o600);

    if (targetDb?.target.kind === 'postgres') {
      // The target now holds the data: a second restore into it is refused before anything is written.
      const again = await restoreBackup(file, BACKUP_KEY, {
        dataDir: path.join(restored.dir, 'again'),
        databaseUrl: targetDb.target.url,
      }).catch((error: unknown) => error);
      expect(again).toMatchObject({
        code: 'target-not-empty',
        message: expect.stringMatching(/already has \d+ table/),
      });
      expect(existsSync(path.join(restored.dir, 'again'))).toBe(false);
    }

    // A server on the restored data: the old key still authenticates and sees the same data.
    const restoredDb: TestDatabase = targetDb ?? {
      target: { kind: 'sqlite', file: path.join(dataDir, 'textai.db') },
      drop: () => Promise.resolve(),
    };
    const after = await createTestApp({ DATA_DIR: dataDir }, { database: restoredDb });
    try {
      const headers = { 'x-api-key': before.key };
      const history = await after.app.inject({ method: 'GET', url: '/api/v1/history', headers });
      expect(history.statusCode, history.body).toBe(200);
      expect(history.json<{ data: unknown[] }>().data).toEqual(before.history);
      const forged = { 'x-api-key': before.key.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) };
      expect(
        (await after.app.inject({ method: 'GET', url: '/api/v1/history', headers: forged })).statusCode,
      ).toBe(401);
      expect((await new BrowserClient(after.app).login('bob')).statusCode).toBe(200);
      expect((await download(after.app, before.key, before.jobId, 'jsonl')).body).toBe(before.jobResult);
    } finally {
      // For PostgreSQL this drops the restored database (registered above as well; dropping twice is fine).
      await after.close();
    }
  });
});
