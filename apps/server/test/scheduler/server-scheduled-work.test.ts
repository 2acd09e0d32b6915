import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBackups } from '../../src/services/backup/index.ts';
import { openStorage } from '../../src/storage/index.ts';
import { startServerProcess, type TextaiProcess } from '../helpers/processes.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';
import { until } from '../helpers/until.ts';

describe('scheduled work in a real server process', () => {
  let dir: string;
  let receiver: WebhookReceiver;
  let server: TextaiProcess;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'textai-scheduled-'));
    receiver = await startWebhookReceiver();
    ({ process: server } = await startServerProcess({
      DATA_DIR: path.join(dir, 'data'),
      BACKUP_DIR: path.join(dir, 'backups'),
      // Every second, so the test sees one soon.
      BACKUP_SCHEDULE: '* * * * * *',
      ALERT_WEBHOOK_URL: `${receiver.origin}/hook?token=s3cret`,
      // Every disk has less than 100% free: this alert fires at the first check, at start.
      ALERT_DISK_FREE_PCT: '100',
      ALERT_ERROR_RATE: '0',
      ALERT_P95_MS: '0',
      PUBLIC_URL: 'https://textai.example.org',
    }));
  }, 120_000);
  afterAll(async () => {
    server.child.kill('SIGKILL');
    await receiver.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('makes backups on BACKUP_SCHEDULE and delivers an alert to the webhook', async () => {
    await server.waitFor(/"msg":"scheduled backup written"/, 30_000);
    const backups = await listBackups(path.join(dir, 'backups'));
    expect(backups.length).toBeGreaterThan(0);
    expect((await stat(backups[0]?.file ?? '')).mode & 0o777).toBe(0o600);

    await until(() => receiver.received.length > 0, 'an alert at the webhook', 30_000);
    const alert = receiver.received[0];
    expect(alert?.path).toBe('/hook?token=s3cret');
    expect(alert?.body).toMatchObject({
      alert: 'disk_space',
      status: 'firing',
      severity: 'critical',
      threshold: 100,
      instance: 'https://textai.example.org',
    });
    expect(alert?.body['value']).toBeLessThan(100);
    expect(alert?.body['summary']).toMatch(/^free disk space \d+\.\d% on the data folder of /);

    // SIGTERM: a backup in progress finishes and releases its lease before the process ends.
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    expect(server.lines.join('\n')).not.toContain('s3cret');
    const storage = openStorage({ kind: 'sqlite', file: path.join(dir, 'data', 'textai.db') });
    const lease = await storage.leases.get('backup');
    await storage.close();
    expect(lease?.expiresAt).toBe(0);
    expect(lease?.succeededAt).toBeGreaterThan(0);
  });
});
