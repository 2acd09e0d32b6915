import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ChunkExecutor } from '../../src/services/jobs/executor/thread-pool.ts';
import type { ChunkLease, Job, Storage } from '../../src/storage/repositories.ts';
import { describeUnreachable } from '../../src/storage/unreachable.ts';
import { jobWorkLogging } from '../../src/worker.ts';
import { jsonLogSink } from '../helpers/json-log-sink.ts';
import { refusedConnection } from '../helpers/refused-connection.ts';
import { until } from '../helpers/until.ts';
import { testJobRunner } from './test-job-runner.ts';

interface LogLine {
  level: number;
  msg: string;
  err?: { stack?: string };
  reason?: string;
  context?: string;
}
const WARN = 40;
const ERROR = 50;
const INFO = 30;

type Mode = 'down' | 'up' | 'broken';

/**
 * A database the test switches between stopped, answering and broken (a bug, not an outage). The
 * runner's poll uses only these two job queries when there is no work, so nothing else is faked.
 */
function switchableStorage() {
  const state = { mode: 'up' as Mode, queries: 0 };
  const answer = <T>(value: T): Promise<T> => {
    state.queries++;
    if (state.mode === 'down') return Promise.reject(refusedConnection());
    if (state.mode === 'broken') return Promise.reject(new Error('relation "job_chunks" does not exist'));
    return Promise.resolve(value);
  };
  const jobs = {
    claimChunk: () => answer<ChunkLease | undefined>(undefined),
    unrecorded: () => answer<Job[]>([]),
  };
  return { state, storage: { jobs } as unknown as Storage };
}

const idleExecutor: ChunkExecutor = {
  size: 1,
  run: () => Promise.reject(new Error('no chunk should run')),
  close: () => Promise.resolve(),
};

describe('the job runner while the database is unreachable', () => {
  it('logs the outage once without a stack, the recovery once, and other errors each time with theirs', async () => {
    const { lines, sink } = jsonLogSink<LogLine>();
    const log = pino({ level: 'info' }, sink);
    const { state, storage } = switchableStorage();
    const runner = testJobRunner({
      storage,
      executor: idleExecutor,
      owner: 'test',
      pollMs: 10,
      maxTextChars: 1000,
      ...jobWorkLogging(log),
    });
    const at = (level: number) => lines.filter((line) => line.level === level);

    state.mode = 'down';
    runner.start();
    // Twenty polls' worth of failed queries (two per poll: the claim and the history sweep).
    await until(() => state.queries >= 40, 'polls during the outage');
    expect(at(ERROR)).toEqual([]);
    expect(at(WARN)).toHaveLength(1);
    const [outage] = at(WARN);
    expect(outage?.msg).toMatch(/database is unreachable/);
    expect(outage?.reason).toBe('connect ECONNREFUSED 127.0.0.1:5432');
    expect(JSON.stringify(outage)).not.toMatch(/stack|\n\s+at /);

    state.mode = 'up';
    const before = state.queries;
    await until(() => state.queries >= before + 20, 'polls after recovery');
    expect(at(INFO)).toHaveLength(1);
    expect(at(INFO)[0]?.msg).toMatch(/database answers again/);
    expect(at(WARN)).toHaveLength(1);

    // An error that is not an outage is news at every poll, with the stack that locates it.
    state.mode = 'broken';
    await until(() => at(ERROR).length >= 4, 'unexpected errors logged');
    for (const line of at(ERROR)) {
      expect(line.msg).toBe('job work failed');
      expect(line.err?.stack).toMatch(/relation "job_chunks" does not exist\n\s+at /);
    }
    expect(at(WARN)).toHaveLength(1);
    await runner.stop();
  });
});

describe('describeUnreachable', () => {
  it('names the cause in one line, also for a name with several addresses', () => {
    expect(describeUnreachable(refusedConnection())).toBe('connect ECONNREFUSED 127.0.0.1:5432');
    const v6 = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' });
    const several = Object.assign(new AggregateError([v6, refusedConnection()], ''), {
      code: 'ECONNREFUSED',
    });
    expect(describeUnreachable(several)).toBe(
      'connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432',
    );
    const timedOut = Object.assign(new Error('timeout expired'), { code: 'ETIMEDOUT' });
    expect(describeUnreachable(timedOut)).toBe('ETIMEDOUT: timeout expired');
  });
});
