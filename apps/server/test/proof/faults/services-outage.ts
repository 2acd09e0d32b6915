import { countOutcomes, LoadLoop, type Outcome, type Sample } from './services-load.ts';
import { waitUntilNotReady, waitUntilReady } from './services-stack.ts';
import type { LoadTarget } from './services-load.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Service {
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface OutageReport {
  load: LoadLoop;
  /** /readyz's body while the service was away. */
  notReady: Record<string, unknown>;
  /** Requests started while the service was away (from the stop until it was started again). */
  during: Sample[];
  duringCounts: Record<Outcome, number>;
  /** Requests started once /readyz was ready again (plus half a second). */
  after: Sample[];
  afterCounts: Record<Outcome, number>;
  /** From the service accepting connections again to /readyz answering 200. */
  readyAfterMs: number;
  /** From the service accepting connections again to the first answered tool call. */
  firstToolCallAfterMs: number | undefined;
}

/**
 * Runs the load, stops the service for `outageMs` (doing `meanwhile` while it is away), starts it
 * again on the same port, and keeps the load on until the server has been ready for a while. The
 * server is never restarted.
 */
export async function outageUnderLoad(
  target: LoadTarget,
  service: Service,
  options: {
    outageMs: number;
    /** Under the load, right before the stop (e.g. get a job under way for the outage to cut). */
    beforeStop?: () => Promise<void>;
    /** While the service is away. */
    meanwhile?: () => Promise<void>;
  },
): Promise<OutageReport> {
  const load = new LoadLoop(target);
  load.start();
  try {
    await sleep(1_500);
    await options.beforeStop?.();
    const stopped = Date.now();
    await service.stop();
    const notReady = await waitUntilNotReady(target.url, 5_000);
    await Promise.all([sleep(options.outageMs - (Date.now() - stopped)), options.meanwhile?.()]);
    await service.start();
    const back = Date.now();
    const readyAfterMs = await waitUntilReady(target.url, 30_000);
    await sleep(2_500);
    await load.stop();
    const during = load.between(stopped, back);
    const after = load.between(back + readyAfterMs + 500);
    const firstToolCallAfterMs = load.samples
      .filter((s) => s.operation === 'tool' && s.outcome === 'ok' && s.startedAt >= back)
      .reduce<number | undefined>((first, s) => Math.min(first ?? Infinity, s.endedAt - back), undefined);
    return {
      load,
      notReady,
      during,
      duringCounts: countOutcomes(during),
      after,
      afterCounts: countOutcomes(after),
      readyAfterMs,
      firstToolCallAfterMs,
    };
  } finally {
    await load.stop();
  }
}

/** The answers that were neither a success nor a clean 503, for a failing assertion's message. */
export function unexpectedAnswers(samples: readonly Sample[]): string {
  return samples
    .filter((s) => s.outcome !== 'ok' && s.outcome !== 'clean-503')
    .slice(0, 5)
    .map((s) => `${s.operation} ${s.outcome} ${s.status} ${s.body ?? ''}`)
    .join('\n');
}
