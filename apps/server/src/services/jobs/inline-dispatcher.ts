import type { JobDispatcher } from './job-service.ts';
import type { JobRunner } from './job-runner.ts';

/** Without Redis: the server's own runner takes the job at once (and its poll would find it anyway). */
export class InlineDispatcher implements JobDispatcher {
  constructor(private readonly runner: JobRunner) {}

  jobQueued(): Promise<void> {
    this.runner.notify();
    return Promise.resolve();
  }

  close(): Promise<void> {
    return this.runner.stop();
  }
}
