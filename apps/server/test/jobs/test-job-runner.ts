import { JobRunner, type JobRunnerOptions } from '../../src/services/jobs/job-runner.ts';

/**
 * A job runner on the real clock with the defaults the runner tests share (a lease long enough
 * never to run out during a test, the built-in models); each test gives what it is about.
 */
export function testJobRunner(
  options: Pick<JobRunnerOptions, 'storage' | 'executor' | 'owner' | 'pollMs'> & Partial<JobRunnerOptions>,
): JobRunner {
  return new JobRunner({
    clock: { now: () => Date.now() },
    leaseMs: 60_000,
    maxTextChars: 10_000,
    modelSpecs: {},
    ...options,
  });
}
