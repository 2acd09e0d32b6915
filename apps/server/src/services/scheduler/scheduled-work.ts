import type { Config } from '../../config.ts';
import type { Storage } from '../../storage/repositories.ts';
import { AlertMonitor } from '../alerts/alert-monitor.ts';
import { diskFreePercent } from '../alerts/disk-space.ts';
import { alertInstanceName } from '../alerts/instance-name.ts';
import { RequestStatsRecorder } from '../alerts/request-stats-recorder.ts';
import type { WebhookOptions } from '../alerts/webhook.ts';
import { listBackups } from '../backup/index.ts';
import type { Clock } from '../clock.ts';
import type { Services } from '../container.ts';
import { Scheduler, processHolderName, type SchedulerLog } from './scheduler.ts';
import { BACKUP_TASK, backupTask } from './tasks/backup.ts';
import { retentionTask } from './tasks/retention.ts';

type LogFn = (details: Record<string, unknown>, message: string) => void;

export interface ScheduledWorkDeps {
  config: Config;
  storage: Storage;
  services: Pick<Services, 'sessions' | 'history' | 'jobs' | 'audit'>;
  clock: Clock;
  log: SchedulerLog & { info: LogFn };
  /** Tests shorten these; servers use the defaults. */
  timing?: { leaseMs?: number; alertCheckMs?: number; statsFlushMs?: number; webhook?: WebhookOptions };
}

export interface ScheduledWork {
  scheduler: Scheduler;
  /** Counts this process's responses for the alerts; undefined when no alert webhook is set. */
  requestStats: RequestStatsRecorder | undefined;
  stop(): Promise<void>;
}

/**
 * A server's scheduled work: retention purges (hourly), backups (BACKUP_SCHEDULE) and alert checks
 * (every minute, with ALERT_WEBHOOK_URL), each run by one server process per due time however many
 * share the database; plus, in every process, writing its own request figures for the alert check.
 */
export function startScheduledWork(deps: ScheduledWorkDeps): ScheduledWork {
  const { config, storage, clock, log } = deps;
  const holder = processHolderName();
  const scheduler = new Scheduler({
    leases: storage.leases,
    log,
    clock,
    holder,
    ...(deps.timing?.leaseMs === undefined ? {} : { leaseMs: deps.timing.leaseMs }),
  });
  // Bound: pino's methods need their logger as `this`.
  const info: LogFn = (details, message) => log.info(details, message);
  const resets = { purgeExpired: () => storage.passwordResets.purgeSpent(clock.now()) };
  scheduler.add(retentionTask({ ...deps.services, resets }, info));
  const schedule = config.backup.schedule;
  if (schedule !== undefined) scheduler.add(backupTask(config, schedule, clock, info));

  let requestStats: RequestStatsRecorder | undefined;
  const webhookUrl = config.alerts.webhookUrl;
  if (webhookUrl !== undefined) {
    const ownDiskFreePct = () => diskFreePercent(config.dataDir);
    requestStats = new RequestStatsRecorder({
      instance: holder,
      repository: storage.requestStats,
      clock,
      p95ThresholdMs: config.alerts.p95Ms,
      diskFreePct: ownDiskFreePct,
    });
    const recorder = requestStats;
    scheduler.add({
      name: 'request-stats',
      schedule: { everyMs: deps.timing?.statsFlushMs ?? 15_000 },
      exclusive: false,
      run: () => recorder.flush(),
    });
    const monitor = new AlertMonitor({
      alerts: { ...config.alerts, webhookUrl },
      instance: alertInstanceName(config),
      alertStates: storage.alertStates,
      requestStats: storage.requestStats,
      clock,
      log,
      ownDiskFreePct,
      newestBackupAt: () => newestBackupAt(config, storage),
      backupsScheduled: schedule !== undefined,
      ...(deps.timing?.webhook === undefined ? {} : { webhook: deps.timing.webhook }),
    });
    scheduler.add({
      name: 'alert-check',
      schedule: { everyMs: deps.timing?.alertCheckMs ?? 60_000 },
      run: () => monitor.check(),
    });
  }
  scheduler.start();
  return {
    scheduler,
    requestStats,
    async stop() {
      await scheduler.stop();
      // This process's last figures, so the next check still counts them.
      await requestStats?.flush().catch(() => undefined);
    },
  };
}

/**
 * The newest backup: in BACKUP_DIR (also made by `textai backup` from system cron), or recorded by
 * the scheduled backup task (made by another machine's server, into that machine's BACKUP_DIR).
 */
async function newestBackupAt(config: Config, storage: Storage): Promise<number | undefined> {
  const [files, lease] = await Promise.all([listBackups(config.backup.dir), storage.leases.get(BACKUP_TASK)]);
  const times = [files[0]?.createdAt, lease?.succeededAt ?? undefined].filter(
    (t): t is number => t !== undefined,
  );
  return times.length === 0 ? undefined : Math.max(...times);
}
