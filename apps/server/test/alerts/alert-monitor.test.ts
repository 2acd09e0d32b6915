import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { AlertMonitor, type AlertMonitorDeps } from '../../src/services/alerts/alert-monitor.ts';
import { RequestStatsRecorder } from '../../src/services/alerts/request-stats-recorder.ts';
import { openStorage, type OpenedStorage } from '../../src/storage/index.ts';
import { ManualClock } from '../helpers/app.ts';
import { testDialects, type TestDatabase } from '../helpers/databases.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';

const dialects = await testDialects('alert monitor');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(dialects)('alerts on $name', ({ make, skip }) => {
  let database: TestDatabase;
  let storage: OpenedStorage;
  let receiver: WebhookReceiver;
  let clock: ManualClock;
  let logged: string[];

  beforeAll(async () => {
    if (!skip) receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    if (!skip) await receiver.close();
  });
  // A database of its own per test: alert states and figures are what each test is about.
  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 10, 20, 12, 0, 30));
    logged = [];
    if (skip) return;
    receiver.received.length = 0;
    receiver.answer(200);
    database = await make();
    storage = openStorage(database.target);
    await storage.migrate();
  });
  afterEach(async () => {
    if (skip) return;
    await storage.close();
    await database.drop();
  });

  /** A monitor as the scheduler builds it, from settings parsed by config.ts. */
  function monitor(env: Record<string, string>, overrides: Partial<AlertMonitorDeps> = {}): AlertMonitor {
    const config = loadConfig({
      APP_ENV: 'test',
      ALERT_WEBHOOK_URL: `http://alerts:s3cret@${receiver.origin.slice(7)}/hooks/s3cret?token=s3cret`,
      ALERT_ERROR_RATE: '0',
      ALERT_P95_MS: '0',
      ALERT_DISK_FREE_PCT: '0',
      ALERT_BACKUP_AGE_HOURS: '0',
      ...env,
    });
    const line = (details: Record<string, unknown>, message: string) =>
      void logged.push(`${message} ${JSON.stringify(details)}`);
    return new AlertMonitor({
      alerts: { ...config.alerts, webhookUrl: config.alerts.webhookUrl ?? '' },
      instance: 'textai.example.org',
      alertStates: storage.alertStates,
      requestStats: storage.requestStats,
      clock,
      log: { info: line, warn: line, error: line },
      ownDiskFreePct: () => Promise.resolve(50),
      newestBackupAt: () => Promise.resolve(undefined),
      backupsScheduled: false,
      webhook: { attempts: 2, backoffMs: 10, timeoutMs: 2000 },
      ...overrides,
    });
  }

  /** One server process's traffic, written as that process writes it. */
  async function traffic(instance: string, requests: number, errors: number, latencyMs = 20) {
    const recorder = new RequestStatsRecorder({
      instance,
      repository: storage.requestStats,
      clock,
      p95ThresholdMs: 2000,
      diskFreePct: () => Promise.resolve(40),
    });
    for (let i = 0; i < requests; i += 1) recorder.record(i < errors ? 503 : 200, latencyMs);
    await recorder.flush();
  }

  it.skipIf(skip)(
    'sends the deployment-wide error rate, then holds repeats for the cool-down, then resolves',
    async () => {
      const env = { ALERT_ERROR_RATE: '0.05', ALERT_COOLDOWN_MIN: '60', ALERT_WINDOW_MIN: '5' };
      // Process a alone is under 5%; with process b the deployment is at 12 of 150 = 8%.
      await traffic('host-a:1:aa', 100, 2);
      await traffic('host-b:2:bb', 50, 10);
      await monitor(env).check();
      expect(receiver.received).toHaveLength(1);
      const [first] = receiver.received;
      expect(first?.path).toBe('/hooks/s3cret?token=s3cret');
      expect(first?.headers.authorization).toBe(`Basic ${Buffer.from('alerts:s3cret').toString('base64')}`);
      expect(first?.body).toEqual({
        alert: 'error_rate',
        status: 'firing',
        severity: 'critical',
        summary: '5xx error rate 8.0% over the last 5 min (12 of 150 requests; threshold 5.0%)',
        value: 0.08,
        threshold: 0.05,
        instance: 'textai.example.org',
        at: new Date(clock.now()).toISOString(),
        text: '[TextAI Studio textai.example.org] CRITICAL: 5xx error rate 8.0% over the last 5 min (12 of 150 requests; threshold 5.0%)',
      });

      // Still failing a minute later, checked by a new monitor (a restart or another process leading).
      clock.advance(MINUTE);
      await traffic('host-a:1:aa', 100, 30);
      await monitor(env).check();
      expect(receiver.received).toHaveLength(1);

      // Past the cool-down and still failing: sent again.
      clock.advance(HOUR);
      await traffic('host-c:3:cc', 100, 30);
      await monitor(env).check();
      expect(receiver.received.map((r) => [r.body['alert'], r.body['status']])).toEqual([
        ['error_rate', 'firing'],
        ['error_rate', 'firing'],
      ]);

      // Back to normal: one "resolved", then nothing more.
      clock.advance(10 * MINUTE);
      await traffic('host-c:3:cc', 100, 0);
      await monitor(env).check();
      clock.advance(MINUTE);
      await traffic('host-c:3:cc', 100, 0);
      await monitor(env).check();
      expect(receiver.received).toHaveLength(3);
      expect(receiver.received[2]?.body).toMatchObject({ alert: 'error_rate', status: 'resolved', value: 0 });
      expect(receiver.received[2]?.body['text']).toMatch(
        /^\[TextAI Studio textai\.example\.org\] RESOLVED: /,
      );
      expect(logged.join('\n')).not.toContain('s3cret');
    },
  );

  it.skipIf(skip)('neither fires nor resolves on too few requests to judge', async () => {
    await traffic('host-a:1:aa', 5, 5);
    await monitor({ ALERT_ERROR_RATE: '0.05' }).check();
    expect(receiver.received).toHaveLength(0);
  });

  it.skipIf(skip)('alerts on p95 latency, disk space and backup age', async () => {
    await traffic('host-d:4:dd', 100, 0, 3000);
    await monitor(
      { ALERT_P95_MS: '2000', ALERT_DISK_FREE_PCT: '45', ALERT_BACKUP_AGE_HOURS: '26' },
      {
        newestBackupAt: () => Promise.resolve(clock.now() - 30 * HOUR),
        ownDiskFreePct: () => Promise.resolve(60),
      },
    ).check();
    const byKind = Object.fromEntries(receiver.received.map((r) => [r.body['alert'], r.body]));
    expect(Object.keys(byKind).sort()).toEqual(['backup_age', 'disk_space', 'p95_latency']);
    // 3000 ms lies in the (2500, 5000] bucket; the p95 is interpolated inside it.
    expect(byKind['p95_latency']).toMatchObject({ severity: 'warning', threshold: 2000 });
    expect(byKind['p95_latency']?.['value']).toBeGreaterThan(2500);
    expect(byKind['p95_latency']?.['value']).toBeLessThanOrEqual(5000);
    // The fullest disk among the processes that reported: host-d's 40%, not this one's 60%.
    expect(byKind['disk_space']).toMatchObject({
      value: 40,
      threshold: 45,
      summary: 'free disk space 40.0% on the data folder of host-d (threshold 45%)',
    });
    expect(byKind['backup_age']).toMatchObject({ value: 30, threshold: 26, severity: 'warning' });
  });

  it.skipIf(skip)('keeps an alert the receiver did not take, and sends it at the next check', async () => {
    await traffic('host-e:5:ee', 100, 50);
    receiver.answer(500);
    await monitor({ ALERT_ERROR_RATE: '0.05', ALERT_COOLDOWN_MIN: '60' }).check();
    expect(receiver.received).toHaveLength(2); // two attempts
    expect(logged.some((l) => l.startsWith('alert not delivered'))).toBe(true);
    expect(logged.join('\n')).not.toContain('s3cret');
    receiver.answer(200);
    clock.advance(MINUTE);
    await traffic('host-e:5:ee', 100, 50);
    await monitor({ ALERT_ERROR_RATE: '0.05', ALERT_COOLDOWN_MIN: '60' }).check();
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received[2]?.body).toMatchObject({ alert: 'error_rate', status: 'firing' });
  });
});
