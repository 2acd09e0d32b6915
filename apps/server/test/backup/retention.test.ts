import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackup, listBackups, pruneBackups, verifyBackup } from '../../src/services/backup/index.ts';
import { migratedDeployment, tempDir } from './helpers.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 4, 31, 3, 0, 0);

/** The name a backup made `daysAgo` days before NOW carries. */
function ours(daysAgo: number): string {
  return `textai-backup-${new Date(NOW - daysAgo * DAY).toISOString().replaceAll(':', '-')}.tbk`;
}

describe('backup retention', () => {
  const root = tempDir('backup-retention');
  afterAll(() => root.remove());

  it('deletes only our backups older than the retention, and never anything else', async () => {
    const dir = path.join(root.dir, 'mixed');
    mkdirSync(dir);
    const expired = [ours(31), ours(45), ours(400)];
    const kept = [ours(0.5), ours(29), ours(30)];
    const foreign = [
      'notes.txt',
      'textai-backup-latest.tbk',
      `${ours(90)}.bak`,
      `copy-of-${ours(90)}`,
      'textai-backup-2026-13-45T99-99-99.000Z.tbk',
    ];
    for (const name of [...expired, ...kept, ...foreign]) writeFileSync(path.join(dir, name), name);
    mkdirSync(path.join(dir, ours(60))); // a folder named like a backup is not a backup

    const listed = await listBackups(dir);
    expect(listed.map((b) => path.basename(b.file))).toEqual([...kept, ...expired].sort().reverse());
    expect(listed[0]).toMatchObject({ createdAt: NOW - DAY / 2, bytes: ours(0.5).length });

    const deleted = await pruneBackups(dir, 30, NOW);
    expect(deleted.map((f) => path.basename(f)).sort()).toEqual([...expired].sort());
    expect(readdirSync(dir).sort()).toEqual([...kept, ...foreign, ours(60)].sort());
  });

  it('keeps the newest backup even when every backup has expired', async () => {
    const dir = path.join(root.dir, 'stale');
    mkdirSync(dir);
    for (const days of [100, 200, 300]) writeFileSync(path.join(dir, ours(days)), '');
    expect((await pruneBackups(dir, 30, NOW)).map((f) => path.basename(f)).sort()).toEqual(
      [ours(200), ours(300)].sort(),
    );
    expect(readdirSync(dir)).toEqual([ours(100)]);
  });

  it('names real backups by their creation time, which listing and retention read', async () => {
    const config = await migratedDeployment(path.join(root.dir, 'data'));
    const old = await createBackup(config, { now: NOW - 40 * DAY });
    const fresh = await createBackup(config, { now: NOW });
    expect(await listBackups(config.backup.dir)).toEqual([
      { file: fresh.file, createdAt: NOW, bytes: fresh.bytes },
      { file: old.file, createdAt: NOW - 40 * DAY, bytes: old.bytes },
    ]);
    expect(await pruneBackups(config.backup.dir, 30, NOW)).toEqual([old.file]);
    expect(await listBackups(path.join(root.dir, 'no-such-folder'))).toEqual([]);
  });

  it('clears what a killed backup left a day ago, and leaves a running backup’s files alone', async () => {
    const config = await migratedDeployment(path.join(root.dir, 'leftovers'));
    mkdirSync(config.backup.dir, { recursive: true });
    const dayAndAHourAgo = new Date(Date.now() - 25 * 3_600_000);
    const staleStaging = path.join(config.dataDir, '.textai-backup-staging-killed');
    const runningStaging = path.join(config.dataDir, '.textai-backup-staging-running');
    const stalePartial = path.join(config.backup.dir, '.textai-backup-partial-killed');
    const runningPartial = path.join(config.backup.dir, '.textai-backup-partial-running');
    for (const folder of [staleStaging, runningStaging]) {
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'textai.db'), 'a snapshot copy');
    }
    for (const file of [stalePartial, runningPartial]) writeFileSync(file, 'half a backup');
    for (const old of [staleStaging, stalePartial]) utimesSync(old, dayAndAHourAgo, dayAndAHourAgo);

    const backup = await createBackup(config);
    expect([staleStaging, stalePartial].map(existsSync)).toEqual([false, false]);
    expect([runningStaging, runningPartial].map(existsSync)).toEqual([true, true]);
    // Another run's snapshot is not data: it stays out of the archive.
    expect((await verifyBackup(backup.file, undefined)).entries.map((e) => e.name)).toEqual([
      'database/textai.db',
    ]);
  });
});
