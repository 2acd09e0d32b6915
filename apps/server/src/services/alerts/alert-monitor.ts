import type { Config } from '../../config.ts';
import type { AlertStateRepository, RequestStatsRepository } from '../../storage/repositories.ts';
import type { Clock } from '../clock.ts';
import { alertPayload } from './alert-message.ts';
import { alertReadings, type AlertReading } from './alert-readings.ts';
import { postWebhook, WebhookError, type WebhookOptions } from './webhook.ts';

const MINUTE_MS = 60_000;
/** Request figures are kept this long (at least the window), then deleted by the check. */
const STATS_KEEP_MS = 60 * MINUTE_MS;

type LogFn = (details: Record<string, unknown>, message: string) => void;

export interface AlertMonitorDeps {
  alerts: Config['alerts'] & { webhookUrl: string };
  /** The deployment's name in alerts. */
  instance: string;
  alertStates: AlertStateRepository;
  requestStats: RequestStatsRepository;
  clock: Clock;
  log: { info: LogFn; warn: LogFn; error: LogFn };
  ownDiskFreePct: () => Promise<number | null>;
  newestBackupAt: () => Promise<number | undefined>;
  /** BACKUP_SCHEDULE is set: a missing backup is itself alarming after the threshold. */
  backupsScheduled: boolean;
  webhook?: WebhookOptions;
}

/**
 * The alert check, run every minute by one process (a scheduled task). For each enabled alert it
 * reads the condition across the deployment and tells the webhook when it starts to hold — at most
 * once per cool-down while it lasts — and once when it clears. What was sent is kept in the
 * database, so neither a restart nor another process becoming the checker re-sends early.
 */
export class AlertMonitor {
  private readonly startedAt: number;

  constructor(private readonly deps: AlertMonitorDeps) {
    this.startedAt = deps.clock.now();
  }

  async check(): Promise<void> {
    const { deps } = this;
    const now = deps.clock.now();
    const fromMinute = Math.floor((now - deps.alerts.windowMs) / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
    const [stats, ownDiskFreePct, newestBackupAt] = await Promise.all([
      deps.requestStats.since(fromMinute),
      deps.ownDiskFreePct().catch(() => null),
      deps.alerts.backupAgeHours > 0 ? deps.newestBackupAt() : Promise.resolve(undefined),
    ]);
    const readings = alertReadings(deps.alerts, {
      now,
      stats,
      ownDiskFreePct,
      newestBackupAt,
      backupsExpectedSince: deps.backupsScheduled ? this.startedAt : undefined,
    });
    for (const reading of readings) await this.settle(reading, now);
    await deps.requestStats.deleteBefore(now - Math.max(STATS_KEEP_MS, deps.alerts.windowMs));
  }

  private async settle(reading: AlertReading, now: number): Promise<void> {
    if (reading.crossing === undefined) return;
    const { alertStates, alerts } = this.deps;
    const state = await alertStates.get(reading.kind);
    if (reading.crossing) {
      const lastSentAt = state?.lastSentAt ?? null;
      if (lastSentAt !== null && now - lastSentAt < alerts.cooldownMs) return;
      if (await this.send(reading, 'firing', now)) await alertStates.recordSent(reading.kind, 'firing', now);
    } else if (state?.firing === true) {
      if (await this.send(reading, 'resolved', now))
        await alertStates.recordSent(reading.kind, 'resolved', now);
    }
  }

  /** true when the receiver took it; a failure is logged and the next check tries again. */
  private async send(reading: AlertReading, status: 'firing' | 'resolved', now: number): Promise<boolean> {
    const payload = alertPayload({
      alert: reading.kind,
      status,
      severity: reading.severity,
      summary: reading.summary,
      value: reading.value,
      threshold: reading.threshold,
      instance: this.deps.instance,
      at: new Date(now).toISOString(),
    });
    try {
      const delivery = await postWebhook(this.deps.alerts.webhookUrl, payload, this.deps.webhook);
      this.deps.log.info({ alert: reading.kind, status, http_status: delivery.status }, 'alert sent');
      return true;
    } catch (error) {
      if (!(error instanceof WebhookError)) throw error;
      this.deps.log.error({ alert: reading.kind, status, reason: error.message }, 'alert not delivered');
      return false;
    }
  }
}
