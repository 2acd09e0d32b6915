import type { HistoryRepository, UsageBucket } from '../../storage/repositories.ts';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';

/** Usage is read in 15-minute buckets: every real time zone's offset is a multiple of 15 minutes. */
const BUCKET_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

/**
 * One calendar day: calls, the items they carried (a batch call carries many) and how many of
 * those items failed, so that clients can chart the error rate per day (failed / items).
 */
export interface DayUsage {
  date: string;
  calls: number;
  items: number;
  failed: number;
  by_tool: Record<string, number>;
}

export interface Analytics {
  scope: 'user' | 'everyone';
  time_zone: string;
  totals: { calls: number; items: number; average_latency_ms: number };
  last_7_days: number;
  last_30_days: number;
  per_tool: Record<string, number>;
  most_used_tool: string | null;
  per_day: DayUsage[];
  average_latency_ms_per_tool: Record<string, number>;
  labels: Record<string, Record<string, number>>;
}

/** Usage figures for one user, or for everyone (guests included) for the admin. */
export class AnalyticsService {
  constructor(
    private readonly repo: HistoryRepository,
    private readonly clock: Clock,
  ) {}

  async compute(userId: string | null, timeZone: string): Promise<Analytics> {
    const dayOf = dayFormatter(timeZone);
    const now = this.clock.now();
    const from = now - 31 * DAY_MS;
    const [buckets, totals, labelRows] = await Promise.all([
      this.repo.usage(userId, from, BUCKET_MS),
      this.repo.totals(userId),
      this.repo.labels(userId, 0),
    ]);
    const today = dayOf(now);
    const days = lastDays(now, 30, dayOf);
    const first7 = new Set(days.slice(-7));
    const perDay = new Map<string, DayUsage>(
      days.map((d) => [d, { date: d, calls: 0, items: 0, failed: 0, by_tool: {} }]),
    );
    const perTool: Record<string, number> = {};
    // Over the calls a client waited for; a file job's run time is shown with the job.
    const latency: Record<string, { sum: number; calls: number }> = {};
    let last7 = 0;
    let last30 = 0;
    for (const b of buckets) {
      const day = dayOf(bucketStart(b));
      const slot = perDay.get(day);
      if (slot === undefined) continue;
      slot.calls += b.calls;
      slot.items += b.items;
      slot.failed += b.failed;
      slot.by_tool[b.tool] = (slot.by_tool[b.tool] ?? 0) + b.calls;
      last30 += b.calls;
      if (first7.has(day)) last7 += b.calls;
      perTool[b.tool] = (perTool[b.tool] ?? 0) + b.calls;
      const l = (latency[b.tool] ??= { sum: 0, calls: 0 });
      l.sum += b.latencyMs;
      l.calls += b.latencyCalls;
    }
    const labels: Record<string, Record<string, number>> = {};
    for (const row of labelRows) (labels[row.tool] ??= {})[row.label] = row.count;
    const mostUsed = Object.entries(perTool).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    return {
      scope: userId === null ? 'everyone' : 'user',
      time_zone: timeZone,
      totals: {
        calls: totals.calls,
        items: totals.items,
        average_latency_ms: totals.latencyCalls === 0 ? 0 : round(totals.latencyMs / totals.latencyCalls),
      },
      last_7_days: last7,
      last_30_days: last30,
      per_tool: perTool,
      most_used_tool: mostUsed?.[0] ?? null,
      per_day: [...perDay.values()].filter((d) => d.date <= today),
      average_latency_ms_per_tool: Object.fromEntries(
        Object.entries(latency)
          .filter(([, l]) => l.calls > 0)
          .map(([tool, l]) => [tool, round(l.sum / l.calls)]),
      ),
      labels,
    };
  }
}

function bucketStart(bucket: UsageBucket): number {
  return bucket.bucket * BUCKET_MS;
}

function dayFormatter(timeZone: string): (ms: number) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  } catch {
    throw new AppError(400, 'VALIDATION_ERROR', `unknown time zone: ${timeZone}`);
  }
  return (ms) => format.format(ms);
}

/** The last `count` calendar days in the zone, oldest first, ending today. */
function lastDays(now: number, count: number, dayOf: (ms: number) => string): string[] {
  const days: string[] = [];
  for (let t = now - (count + 1) * DAY_MS; t <= now + DAY_MS; t += 3_600_000) {
    const d = dayOf(t);
    if (days[days.length - 1] !== d && d <= dayOf(now)) days.push(d);
  }
  return days.slice(-count);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
