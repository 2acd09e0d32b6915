import type { RequestStatsRepository, RequestStatsSample } from '../../storage/repositories.ts';
import type { Clock } from '../clock.ts';
import { bucketBounds, bucketOf, type LatencyBuckets } from './latency-histogram.ts';

const MINUTE_MS = 60_000;
/** Minutes kept in memory when the database cannot be written; older figures are dropped. */
const MAX_PENDING_MINUTES = 60;

interface MinuteFigures {
  requests: number;
  errors: number;
  buckets: LatencyBuckets;
}

/**
 * This process's HTTP figures, counted per minute in memory and written to the database by flush()
 * (every few seconds, by every server process). The process that checks alerts sums all processes'
 * rows, so the error rate and p95 describe the whole deployment, not only the checking process.
 * Each write carries the minute's running totals and replaces the previous one, so a retried or
 * repeated flush never counts a request twice.
 */
export class RequestStatsRecorder {
  private readonly bounds: number[];
  private readonly minutes = new Map<number, MinuteFigures>();

  constructor(
    private readonly options: {
      instance: string;
      repository: RequestStatsRepository;
      clock: Clock;
      /** The p95 alert threshold, made a bucket bound (see latency-histogram.ts). */
      p95ThresholdMs: number;
      /** This process's free disk space in percent, reported with its figures. */
      diskFreePct: () => Promise<number | null>;
    },
  ) {
    this.bounds = bucketBounds(options.p95ThresholdMs);
  }

  /** One response; `latencyMs` undefined for one whose duration says nothing (a long-lived stream). */
  record(statusCode: number, latencyMs: number | undefined): void {
    const figures = this.current();
    figures.requests += 1;
    if (statusCode >= 500) figures.errors += 1;
    if (latencyMs !== undefined) {
      const key = bucketOf(this.bounds, latencyMs);
      figures.buckets[key] = (figures.buckets[key] ?? 0) + 1;
    }
  }

  async flush(): Promise<void> {
    // Written even without requests: the row also reports this process's disk space.
    this.current();
    const diskFreePct = await this.options.diskFreePct().catch(() => null);
    const samples: RequestStatsSample[] = [...this.minutes].map(([minute, figures]) => ({
      instance: this.options.instance,
      minute,
      requests: figures.requests,
      errors: figures.errors,
      latencyBuckets: { ...figures.buckets },
      diskFreePct,
    }));
    // On failure the figures stay in memory for the next flush.
    await this.options.repository.save(samples, this.options.clock.now());
    const thisMinute = this.minuteOf(this.options.clock.now());
    for (const sample of samples) {
      // A past minute written in full is done; one that counted more while the write ran is kept.
      const complete = this.minutes.get(sample.minute)?.requests === sample.requests;
      if (sample.minute < thisMinute && complete) this.minutes.delete(sample.minute);
    }
  }

  private current(): MinuteFigures {
    const minute = this.minuteOf(this.options.clock.now());
    let figures = this.minutes.get(minute);
    if (figures === undefined) {
      figures = { requests: 0, errors: 0, buckets: {} };
      this.minutes.set(minute, figures);
      // Figures the database never took (it was down) are dropped after a while, not kept forever.
      for (const old of this.minutes.keys())
        if (old < minute - MAX_PENDING_MINUTES * MINUTE_MS) this.minutes.delete(old);
    }
    return figures;
  }

  private minuteOf(time: number): number {
    return Math.floor(time / MINUTE_MS) * MINUTE_MS;
  }
}
