import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ APP_ENV: 'test', ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('schedule and alert settings', () => {
  it('accepts a cron BACKUP_SCHEDULE and reads the alert thresholds', () => {
    const config = loadConfig({
      APP_ENV: 'test',
      BACKUP_SCHEDULE: '30 2 * * *',
      ALERT_WEBHOOK_URL: 'https://hooks.example.org/services/T1/B2/secret',
      ALERT_ERROR_RATE: '0.1',
      ALERT_P95_MS: '1500',
      ALERT_WINDOW_MIN: '10',
      ALERT_COOLDOWN_MIN: '30',
    });
    expect(config.backup.schedule).toBe('30 2 * * *');
    expect(config.alerts).toEqual({
      webhookUrl: 'https://hooks.example.org/services/T1/B2/secret',
      errorRate: 0.1,
      p95Ms: 1500,
      diskFreePct: 10,
      backupAgeHours: 26,
      windowMs: 600_000,
      cooldownMs: 1_800_000,
    });
  });

  it('lists a bad BACKUP_SCHEDULE with the other problems, each named', () => {
    const problems = problemsOf({
      BACKUP_SCHEDULE: '0 25 * * *',
      ALERT_ERROR_RATE: '5',
      ALERT_WEBHOOK_URL: 'ftp://user:hunter2@example.org/hook',
    });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(
      /^BACKUP_SCHEDULE: "0 25 \* \* \*" is not a cron expression \(.*hour.*\); e\.g\. 0 3 \* \* \*/,
    );
    expect(problems).toContain('ALERT_ERROR_RATE: must be a fraction from 0 to 1 (0.05 is 5%)');
    // The URL may carry a secret: the message does not repeat it.
    expect(problems).toContain('ALERT_WEBHOOK_URL: must be an http:// or https:// URL');
    expect(problemsOf({ BACKUP_SCHEDULE: 'every night' })[0]).toMatch(
      /^BACKUP_SCHEDULE: "every night" is not a cron/,
    );
    expect(problemsOf({ BACKUP_SCHEDULE: '0 3 31 2 *' })).toEqual([
      'BACKUP_SCHEDULE: "0 3 31 2 *" never comes due',
    ]);
  });
});
