import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { reviewsCsv } from '../../jobs/fixtures.ts';
import { recordFigures } from '../figures.ts';
import { HANG_MS } from './services-load.ts';
import { outageUnderLoad, unexpectedAnswers } from './services-outage.ts';
import {
  historyExcerpts,
  resultRows,
  servicesStackSkipReason,
  startServicesStack,
  submitJob,
  waitForJobEnd,
  waitForJobProgress,
  type JobState,
  type ServicesStack,
} from './services-stack.ts';

const skipReason = servicesStackSkipReason('Redis fault tests');

const JOB_ROWS = 30_000;
const SMALL_JOB_ROWS = 2_000;
/** BullMQ's set of finished messages for the job queue (REDIS_PREFIX "textai", queue "textai-jobs"). */
const COMPLETED_MESSAGES = 'textai:textai-jobs:completed';
const rowNumbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/**
 * Issue 8: Redis (the shared rate-limit counters and the BullMQ job queue) stopped and started again
 * under load, with a real server and worker on a private Redis and PostgreSQL: metered requests are
 * refused with a 503 in the envelope while it is away (never a 500, a hang or a crash), /readyz
 * names Redis, and the same processes recover by themselves — the counters answer again, and BullMQ
 * carries wake-ups again: jobs submitted before, during and after the outage finish, rows once.
 */
describe.skipIf(skipReason !== null)(
  'Redis stopped and started again under load',
  { timeout: 120_000 },
  () => {
    let stack: ServicesStack;

    beforeAll(async () => {
      stack = await startServicesStack();
    });
    afterAll(async () => {
      await stack?.close();
    });

    it('every request answers (503 while away); counters and job queue recover without a restart', async () => {
      onTestFailed(() => {
        console.log(`server output:\n${stack.server.lines.slice(-40).join('\n')}`);
        console.log(`worker output:\n${stack.worker.lines.slice(-20).join('\n')}`);
      });
      const { target, redis, server, worker } = stack;
      const admin = { ...target, apiKey: stack.adminKey };
      let before = '';
      let jobAtStop: JobState | undefined;
      let during: string | undefined;
      let uploadWhileAwayMs = 0;
      let uploadAnsweredAt = Infinity;
      let redisStartedAt = 0;

      const report = await outageUnderLoad(
        target,
        {
          stop: () => redis.stop(),
          start: () => {
            redisStartedAt = Date.now();
            return redis.start();
          },
        },
        {
          outageMs: 5_000,
          // A job under way when Redis stops: its wake-ups were delivered, its rows not all done.
          beforeStop: async () => {
            before = await submitJob(target, reviewsCsv(JOB_ROWS));
            jobAtStop = await waitForJobProgress(target, before);
          },
          // An admin is not metered, so the upload gets as far as queueing its BullMQ wake-up.
          meanwhile: async () => {
            const started = Date.now();
            during = await submitJob(admin, reviewsCsv(SMALL_JOB_ROWS));
            uploadAnsweredAt = Date.now();
            uploadWhileAwayMs = uploadAnsweredAt - started;
          },
        },
      );

      const counts = report.duringCounts;
      expect(report.notReady).toMatchObject({ status: 'not_ready', database: 'ok', redis: 'unreachable' });
      expect(jobAtStop?.rows_done, 'the job was under way when Redis stopped').toBeLessThan(JOB_ROWS);
      expect(counts['clean-503'], 'metered requests refused while Redis was away').toBeGreaterThan(0);
      expect(counts['other-5xx'] + counts['client-4xx'], unexpectedAnswers(report.during)).toBe(0);
      expect(counts.hang + counts['no-connection'], unexpectedAnswers(report.during)).toBe(0);
      // Answered while Redis was still away: not held until its job queue came back.
      expect(uploadAnsweredAt, 'the upload was answered before Redis was started again').toBeLessThan(
        redisStartedAt,
      );
      expect(report.afterCounts.ok, 'requests once ready again').toBeGreaterThan(0);
      expect(report.afterCounts.ok, unexpectedAnswers(report.after)).toBe(report.after.length);
      expect(server.child.exitCode, 'the server is still the same process').toBeNull();
      expect(worker.child.exitCode, 'the worker is still the same process').toBeNull();

      // A job submitted after Redis is back is woken through BullMQ again.
      const after = await submitJob(target, reviewsCsv(SMALL_JOB_ROWS));
      const jobs = [
        { id: before, rows: JOB_ROWS, owner: target },
        { id: during ?? '', rows: SMALL_JOB_ROWS, owner: admin },
        { id: after, rows: SMALL_JOB_ROWS, owner: target },
      ];
      for (const job of jobs) {
        expect(await waitForJobEnd(job.owner, job.id, 60_000)).toMatchObject({
          status: 'done',
          rows_done: job.rows,
          rows_failed: 0,
        });
        expect(await resultRows(job.owner, job.id)).toEqual(rowNumbers(job.rows));
      }
      const client = new Redis(redis.url);
      const consumedAfter = await client
        .zscore(COMPLETED_MESSAGES, `${after}-0`)
        .finally(() => client.quit());
      expect(consumedAfter, "the worker consumed the new job's BullMQ message").not.toBeNull();

      const stored = new Set(await historyExcerpts(target));
      const acknowledged = report.load.acknowledgedTexts;
      const lost = acknowledged.filter((text) => !stored.has(text)).length;
      expect(lost, 'answered tool calls missing from history').toBe(0);

      const hangs = counts.hang + counts['no-connection'];
      recordFigures('faults-services', [
        { name: 'Redis stopped: requests while away', value: report.during.length },
        { name: 'Redis stopped: answered 503 in the envelope', value: counts['clean-503'] },
        {
          name: 'Redis stopped: answered (by operation)',
          value: ['tool', 'history', 'login']
            .map(
              (op) => `${op} ${report.during.filter((s) => s.operation === op && s.outcome === 'ok').length}`,
            )
            .join(', '),
        },
        {
          name: 'Redis stopped: other 5xx',
          value: counts['other-5xx'],
          target: '0',
          ok: counts['other-5xx'] === 0,
        },
        {
          name: `Redis stopped: hangs (no answer in ${HANG_MS / 1000} s) or dropped connections`,
          value: hangs,
          target: '0',
          ok: hangs === 0,
        },
        { name: 'Redis stopped: an upload (admin) answered after (ms)', value: uploadWhileAwayMs },
        { name: 'Redis back: /readyz ready after (ms)', value: report.readyAfterMs },
        {
          name: 'Redis back: first tool call answered after (ms)',
          value: report.firstToolCallAfterMs ?? '-',
        },
        {
          name: 'Redis stopped: jobs before/during/after the outage, rows exactly once',
          value: `${jobs.length} of ${jobs.length}`,
        },
        {
          name: 'Redis stopped: answered tool calls lost from history',
          value: `${lost} of ${acknowledged.length}`,
          target: '0',
          ok: lost === 0,
        },
      ]);
    });

    it('SIGTERM while Redis is away: the worker and the server still stop cleanly', async () => {
      const { redis, server, worker } = stack;
      await redis.stop();
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // the connections notice
      worker.child.kill('SIGTERM');
      server.child.kill('SIGTERM');
      // Before, BullMQ's close waited for Redis and the worker ended by its 60-second forced exit (1).
      const [workerExit, serverExit] = await Promise.all([worker.exited, server.exited]);
      expect(workerExit, worker.lines.slice(-10).join('\n')).toEqual({ code: 0, signal: null });
      expect(serverExit, server.lines.slice(-10).join('\n')).toEqual({ code: 0, signal: null });
      // Structured log lines only: BullMQ printed every failed reconnection to stderr unless heard.
      expect(worker.lines.filter((line) => line.trim() !== '' && !line.startsWith('{'))).toEqual([]);
    });
  },
);
