import { describe, expect, it } from 'vitest';
import { RequestStatsRecorder } from '../../src/services/alerts/request-stats-recorder.ts';
import type { OpenedStorage } from '../../src/storage/index.ts';
import type { RequestStatsRepository } from '../../src/storage/repositories.ts';
import { ManualClock } from '../helpers/app.ts';
import { testDialects } from '../helpers/databases.ts';
import { migratedStorageForSuite } from '../helpers/migrated-storage.ts';

const dialects = await testDialects('request figures');

describe.each(dialects)('request figures on $name', ({ make, skip }) => {
  let storage: OpenedStorage;
  migratedStorageForSuite({ make, skip }, (opened) => (storage = opened));

  function recorder(repository: RequestStatsRepository, clock: ManualClock, instance: string) {
    return new RequestStatsRecorder({
      instance,
      repository,
      clock,
      p95ThresholdMs: 2000,
      diskFreePct: () => Promise.resolve(12.5),
    });
  }

  it.skipIf(skip)('writes running totals per minute, so repeated flushes never count twice', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 20, 12, 0, 10));
    const serverProcess = recorder(storage.requestStats, clock, 'host:1:a');
    serverProcess.record(200, 4);
    serverProcess.record(500, 2100);
    await serverProcess.flush();
    await serverProcess.flush();
    serverProcess.record(200, undefined); // a stream: counted, but not timed
    clock.advance(60_000);
    serverProcess.record(200, 30);
    await serverProcess.flush();
    expect(await storage.requestStats.since(Date.UTC(2026, 10, 20, 12))).toEqual([
      {
        instance: 'host:1:a',
        minute: Date.UTC(2026, 10, 20, 12, 0),
        requests: 3,
        errors: 1,
        latencyBuckets: { '5': 1, '2500': 1 },
        diskFreePct: 12.5,
      },
      {
        instance: 'host:1:a',
        minute: Date.UTC(2026, 10, 20, 12, 1),
        requests: 1,
        errors: 0,
        latencyBuckets: { '50': 1 },
        diskFreePct: 12.5,
      },
    ]);
    expect(await storage.requestStats.deleteBefore(Date.UTC(2026, 10, 20, 12, 1))).toBe(1);
  });

  it.skipIf(skip)('keeps figures the database did not take and writes them with the next flush', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 21, 8, 0, 0));
    let down = true;
    const flaky: RequestStatsRepository = {
      save: (samples, now) =>
        down ? Promise.reject(new Error('database down')) : storage.requestStats.save(samples, now),
      since: (from) => storage.requestStats.since(from),
      deleteBefore: (minute) => storage.requestStats.deleteBefore(minute),
    };
    const serverProcess = recorder(flaky, clock, 'host:2:b');
    serverProcess.record(503, 10);
    await expect(serverProcess.flush()).rejects.toThrow('database down');
    clock.advance(60_000);
    serverProcess.record(200, 10);
    down = false;
    await serverProcess.flush();
    const rows = await storage.requestStats.since(Date.UTC(2026, 10, 21, 8));
    expect(rows.map((r) => [r.minute, r.requests, r.errors])).toEqual([
      [Date.UTC(2026, 10, 21, 8, 0), 1, 1],
      [Date.UTC(2026, 10, 21, 8, 1), 1, 0],
    ]);
  });
});
