import { outcome, pass, type DoctorCheck } from './types.ts';

const alerts: DoctorCheck = {
  id: 'alerts',
  title: 'Alerts',
  run(ctx) {
    const { webhookUrl, errorRate, p95Ms, diskFreePct, backupAgeHours } = ctx.config.alerts;
    const thresholds = [
      errorRate > 0 ? `error rate > ${Math.round(errorRate * 100)}%` : undefined,
      p95Ms > 0 ? `p95 > ${p95Ms} ms` : undefined,
      diskFreePct > 0 ? `disk free < ${diskFreePct}%` : undefined,
      backupAgeHours > 0 ? `backup older than ${backupAgeHours} h` : undefined,
    ].filter((t) => t !== undefined);
    const on = thresholds.length > 0 ? thresholds.join(', ') : 'every threshold is 0 (off)';
    if (webhookUrl !== undefined) {
      // Only the host: webhook URLs often carry their token in the path.
      const host = URL.canParse(webhookUrl) ? new URL(webhookUrl).host : 'the webhook';
      if (thresholds.length === 0)
        return outcome('warn', `to ${host}, but ${on}`, 'set the ALERT_* thresholds');
      return pass(`to ${host} on ${on} (textai alert --test sends a test alert)`);
    }
    if (!ctx.production) return pass('ALERT_WEBHOOK_URL not set: no alerts (development)');
    return outcome(
      'warn',
      'ALERT_WEBHOOK_URL not set: nobody hears of errors, slow answers, a full disk or a missed backup',
      'set ALERT_WEBHOOK_URL (Slack, Teams, or any JSON webhook) and send a test with textai alert --test',
    );
  },
};

export const alertChecks: DoctorCheck[] = [alerts];
