import type { Config } from '../../config.ts';
import type { RequestStatsSample } from '../../storage/repositories.ts';
import type { AlertKind, AlertSeverity } from './alert-message.ts';
import { mergeBuckets, quantileOf, totalOf, type LatencyBuckets } from './latency-histogram.ts';

/**
 * Fewer requests than this in the window say nothing about a rate (1 failure of 3 requests is not
 * an outage): the error-rate and latency alerts then neither fire nor clear.
 */
export const MIN_REQUESTS = 20;
const HOUR_MS = 3_600_000;

export interface AlertReading {
  kind: Exclude<AlertKind, 'test'>;
  severity: AlertSeverity;
  /** true: past the threshold; false: within it; undefined: too little data to tell. */
  crossing: boolean | undefined;
  value: number | null;
  threshold: number;
  summary: string;
}

export interface AlertInputs {
  now: number;
  /** Every server process's figures for the window's minutes. */
  stats: readonly RequestStatsSample[];
  /** The checking process's own disk space, read now. */
  ownDiskFreePct: number | null;
  newestBackupAt: number | undefined;
  /** When backups are scheduled: since when one is expected (no backup yet counts from there). */
  backupsExpectedSince: number | undefined;
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

/** What each enabled alert's condition is now. Pure: the monitor gathers the inputs. */
export function alertReadings(thresholds: Config['alerts'], inputs: AlertInputs): AlertReading[] {
  const window = `over the last ${Math.round(thresholds.windowMs / 60_000)} min`;
  const requests = inputs.stats.reduce((sum, s) => sum + s.requests, 0);
  const readings: AlertReading[] = [];

  if (thresholds.errorRate > 0) {
    const errors = inputs.stats.reduce((sum, s) => sum + s.errors, 0);
    const rate = requests === 0 ? 0 : errors / requests;
    readings.push({
      kind: 'error_rate',
      severity: 'critical',
      crossing: requests < MIN_REQUESTS ? undefined : rate > thresholds.errorRate,
      value: rate,
      threshold: thresholds.errorRate,
      summary: `5xx error rate ${percent(rate)} ${window} (${errors} of ${requests} requests; threshold ${percent(thresholds.errorRate)})`,
    });
  }

  if (thresholds.p95Ms > 0) {
    const buckets: LatencyBuckets = {};
    for (const s of inputs.stats) mergeBuckets(buckets, s.latencyBuckets);
    const p95 = quantileOf(buckets, 0.95);
    const timed = totalOf(buckets);
    readings.push({
      kind: 'p95_latency',
      severity: 'warning',
      crossing: p95 === undefined || timed < MIN_REQUESTS ? undefined : p95 > thresholds.p95Ms,
      value: p95 === undefined ? null : Math.round(p95),
      threshold: thresholds.p95Ms,
      summary: `p95 response time ${p95 === undefined ? 'unknown' : `${Math.round(p95)} ms`} ${window} (${timed} requests; threshold ${thresholds.p95Ms} ms)`,
    });
  }

  if (thresholds.diskFreePct > 0) readings.push(diskReading(thresholds.diskFreePct, inputs));
  if (thresholds.backupAgeHours > 0) {
    const reading = backupReading(thresholds.backupAgeHours, inputs);
    if (reading !== undefined) readings.push(reading);
  }
  return readings;
}

/** The fullest data folder among the processes that reported in the window, and the checker's own. */
function diskReading(threshold: number, inputs: AlertInputs): AlertReading {
  const reports = inputs.stats
    .filter((s) => s.diskFreePct !== null)
    .map((s) => ({ where: s.instance.split(':')[0] ?? s.instance, pct: s.diskFreePct as number }));
  if (inputs.ownDiskFreePct !== null) reports.push({ where: 'this server', pct: inputs.ownDiskFreePct });
  const lowest = reports.sort((a, b) => a.pct - b.pct)[0];
  return {
    kind: 'disk_space',
    severity: 'critical',
    crossing: lowest === undefined ? undefined : lowest.pct < threshold,
    value: lowest === undefined ? null : Math.round(lowest.pct * 10) / 10,
    threshold,
    summary:
      lowest === undefined
        ? 'free disk space unknown'
        : `free disk space ${lowest.pct.toFixed(1)}% on the data folder of ${lowest.where} (threshold ${threshold}%)`,
  };
}

function backupReading(thresholdHours: number, inputs: AlertInputs): AlertReading | undefined {
  const { now, newestBackupAt, backupsExpectedSince } = inputs;
  if (newestBackupAt === undefined && backupsExpectedSince === undefined) return undefined;
  const since = newestBackupAt ?? (backupsExpectedSince as number);
  const hours = Math.max(0, now - since) / HOUR_MS;
  return {
    kind: 'backup_age',
    severity: 'warning',
    crossing: hours > thresholdHours,
    value: Math.round(hours * 10) / 10,
    threshold: thresholdHours,
    summary:
      newestBackupAt === undefined
        ? `no backup made in the ${hours.toFixed(1)} hours backups have been scheduled (threshold ${thresholdHours} h)`
        : `newest backup is ${hours.toFixed(1)} hours old (threshold ${thresholdHours} h)`,
  };
}
