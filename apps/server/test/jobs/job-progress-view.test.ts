import { describe, expect, it } from 'vitest';
import { presentJob } from '../../src/routes/presenters.ts';
import type { Job } from '../../src/storage/repositories.ts';

const T0 = Date.UTC(2026, 10, 20, 12);
const DAY = 86_400_000;

function job(overrides: Partial<Job>): Job {
  return {
    id: 'j1',
    userId: 'u1',
    tool: 'sentiment',
    status: 'running',
    options: {
      settings: { column: 'text', summarize: {} },
      explain: false,
      header: ['id', 'text'],
      ranked: false,
    },
    inputName: 'reviews.csv',
    inputFormat: 'csv',
    inputBytes: 1234,
    totalRows: 10_000,
    rowsDone: 0,
    rowsFailed: 0,
    error: null,
    createdAt: T0,
    startedAt: null,
    finishedAt: null,
    updatedAt: T0,
    ...overrides,
  };
}

/**
 * The progress a job shows (GET /jobs/:id and every Server-Sent Event): rows done and failed, the
 * fraction, rows per second since the job started, and the seconds left at that rate.
 */
describe('a job’s progress', () => {
  it('has no rate or ETA before the first rows are done', () => {
    expect(presentJob(job({ status: 'queued' }), T0 + 5000, 7)).toMatchObject({
      progress: 0,
      rows_per_second: null,
      eta_seconds: null,
      expires_at: null,
    });
    expect(presentJob(job({ startedAt: T0 }), T0 + 5000, 7)).toMatchObject({
      rows_per_second: null,
      eta_seconds: null,
    });
  });

  it('gives rows per second since the start, and the ETA of the rows left at that rate', () => {
    const running = job({ startedAt: T0, rowsDone: 2000, rowsFailed: 3 });
    expect(presentJob(running, T0 + 4000, 7)).toMatchObject({
      status: 'running',
      rows_done: 2000,
      rows_failed: 3,
      progress: 0.2,
      rows_per_second: 500,
      eta_seconds: 16,
    });
    // Later, at a slower pace, the rate and ETA follow.
    expect(presentJob({ ...running, rowsDone: 3000 }, T0 + 10_000, 7)).toMatchObject({
      rows_per_second: 300,
      eta_seconds: 23,
    });
  });

  it('keeps the final rate of a finished job, with no ETA, and says when it expires', () => {
    const done = job({
      status: 'done',
      startedAt: T0,
      finishedAt: T0 + 8000,
      rowsDone: 10_000,
    });
    expect(presentJob(done, T0 + DAY, 3)).toMatchObject({
      progress: 1,
      rows_per_second: 1250,
      eta_seconds: null,
      finished_at: new Date(T0 + 8000).toISOString(),
      expires_at: new Date(T0 + 8000 + 3 * DAY).toISOString(),
    });
    const cancelled = job({ status: 'cancelled', startedAt: T0, finishedAt: T0 + 2000, rowsDone: 1000 });
    expect(presentJob(cancelled, T0 + 60_000, 3)).toMatchObject({ rows_per_second: 500, eta_seconds: null });
  });
});
