import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/services/scheduler/scheduler.ts';
import { openStorage, type OpenedStorage } from '../../src/storage/index.ts';
import { testDialects, type TestDatabase } from '../helpers/databases.ts';
import { startNode } from '../helpers/processes.ts';
import { until } from '../helpers/until.ts';
import { recordingLog } from './helpers.ts';
import { HOLDER_TASK } from './holder-task.ts';

const dialects = await testDialects('scheduler');
const HOLDER_SCRIPT = fileURLToPath(new URL('./lease-holder-script.ts', import.meta.url));
const EVERY_SECOND = { cron: '* * * * * *' };

describe.each(dialects)('scheduler on $name', ({ make, skip }) => {
  let database: TestDatabase;
  // Two handles on one database, as two server processes have.
  let first: OpenedStorage;
  let second: OpenedStorage;
  const schedulers: Scheduler[] = [];

  function scheduler(storage: OpenedStorage, holder: string, leaseMs = 3000) {
    const { log, lines } = recordingLog();
    const made = new Scheduler({ leases: storage.leases, log, holder, leaseMs });
    schedulers.push(made);
    return { scheduler: made, lines };
  }

  beforeAll(async () => {
    if (skip) return;
    database = await make();
    first = openStorage(database.target);
    await first.migrate();
    second = openStorage(database.target);
  });
  afterAll(async () => {
    if (skip) return;
    await Promise.all(schedulers.map((s) => s.stop()));
    await Promise.all([first.close(), second.close()]);
    await database.drop();
  });

  it.skipIf(skip)(
    'runs each due time of a cron and of an interval task once across two schedulers',
    async () => {
      const runs: { task: string; holder: string; dueAt: number }[] = [];
      const both = [scheduler(first, 'a').scheduler, scheduler(second, 'b').scheduler];
      for (const s of both) {
        for (const [name, schedule] of [
          ['every-second-cron', EVERY_SECOND],
          ['every-second-interval', { everyMs: 1000 }],
        ] as const) {
          s.add({
            name,
            schedule,
            run: async (dueAt) => {
              runs.push({ task: name, holder: s.holder, dueAt });
            },
          });
        }
      }
      both.forEach((s) => s.start());
      const dueTimes = (task: string) => runs.filter((r) => r.task === task).map((r) => r.dueAt);
      await until(
        () =>
          new Set(dueTimes('every-second-cron')).size >= 4 &&
          new Set(dueTimes('every-second-interval')).size >= 4,
        'four due times of each task',
        20_000,
      );
      await Promise.all(both.map((s) => s.stop()));
      for (const task of ['every-second-cron', 'every-second-interval']) {
        const times = dueTimes(task);
        expect(new Set(times).size, `${task} ran a due time twice: ${times.join(', ')}`).toBe(times.length);
        expect(times.every((t) => t % 1000 === 0)).toBe(true);
      }
    },
  );

  it.skipIf(skip)(
    'keeps running other tasks, and a failing task’s next due times, when a task throws',
    async () => {
      const { scheduler: s, lines } = scheduler(first, 'c');
      let failures = 0;
      let successes = 0;
      s.add({
        name: 'always-fails',
        schedule: EVERY_SECOND,
        run: async () => {
          failures += 1;
          throw new Error('disk on fire');
        },
      });
      s.add({ name: 'fine', schedule: EVERY_SECOND, run: async () => void (successes += 1) });
      s.start();
      await until(() => failures >= 2 && successes >= 2, 'two runs of each task', 20_000);
      await s.stop();
      // Stopped: no timer fires any more.
      const runsAtStop = failures + successes;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(failures + successes).toBe(runsAtStop);
      const failed = lines.filter((l) => l.message === 'scheduled task failed');
      expect(failed.length).toBeGreaterThanOrEqual(2);
      expect(failed[0]?.details).toMatchObject({ task: 'always-fails' });
      expect((failed[0]?.details['err'] as Error).message).toBe('disk on fire');
      // A failed run is over (another due time may run) but is not recorded as a success.
      const lease = await first.leases.get('always-fails');
      expect(lease?.finishedDueAt).toBeGreaterThan(0);
      expect(lease?.succeededAt).toBeNull();
      expect((await first.leases.get('fine'))?.succeededAt).not.toBeNull();
    },
  );

  it.skipIf(skip)('never overlaps runs of one task, within a process or across two', async () => {
    let active = 0;
    let mostAtOnce = 0;
    let finished = 0;
    const made = [scheduler(first, 'd'), scheduler(second, 'e')];
    for (const { scheduler: s } of made) {
      s.add({
        name: 'slow',
        schedule: EVERY_SECOND,
        run: async () => {
          active += 1;
          mostAtOnce = Math.max(mostAtOnce, active);
          // Longer than the period: the next due times arrive while this run goes on.
          await new Promise((resolve) => setTimeout(resolve, 2500));
          active -= 1;
          finished += 1;
        },
      });
      s.start();
    }
    await until(() => finished >= 2, 'two slow runs', 20_000);
    await Promise.all(made.map(({ scheduler: s }) => s.stop()));
    expect(mostAtOnce).toBe(1);
    const skipped = made.flatMap(({ lines }) => lines).filter((l) => l.message.includes('still running'));
    expect(skipped.length).toBeGreaterThan(0);
  });

  it.skipIf(skip)(
    'takes over the run of a process that died holding its lease, once the lease runs out',
    async () => {
      const url = database.target.kind === 'sqlite' ? `sqlite:${database.target.file}` : database.target.url;
      const holder = startNode(['--import', 'tsx', HOLDER_SCRIPT], { DATABASE_URL: url, LEASE_MS: '1500' });
      const started = await holder.waitFor(/^running \d+$/);
      const heldDueAt = Number(started.split(' ')[1]);

      const runs: { dueAt: number; at: number }[] = [];
      const { scheduler: survivor } = scheduler(second, 'survivor', 1500);
      survivor.add({ ...HOLDER_TASK, run: async (dueAt) => void runs.push({ dueAt, at: Date.now() }) });
      survivor.start();
      // The holder is alive and renewing: the survivor waits. Watched for three lease lengths.
      await new Promise((resolve) => setTimeout(resolve, 4500));
      expect(runs).toEqual([]);
      expect((await second.leases.get(HOLDER_TASK.name))?.holder).toBe('doomed');

      const killedAt = Date.now();
      holder.child.kill('SIGKILL');
      await holder.exited;
      await until(() => runs.length > 0, 'the survivor to take the run over', 20_000);
      expect(runs).toHaveLength(1);
      // The same due time the dead process had claimed and never finished, run after its death.
      expect(runs[0]?.dueAt).toBe(heldDueAt);
      expect(runs[0]?.at).toBeGreaterThanOrEqual(killedAt);
      await survivor.stop();
      expect(await second.leases.get(HOLDER_TASK.name)).toMatchObject({
        holder: 'survivor',
        finishedDueAt: heldDueAt,
      });
    },
  );
});
