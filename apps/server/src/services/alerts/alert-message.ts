import type { AlertStatus } from '../../storage/repositories.ts';

export type AlertKind = 'error_rate' | 'p95_latency' | 'disk_space' | 'backup_age' | 'test';
export type AlertSeverity = 'critical' | 'warning' | 'info';

/** The JSON a webhook receives. `text` makes Slack-compatible receivers (Slack, Mattermost, Rocket.Chat) show it. */
export interface AlertPayload {
  alert: AlertKind;
  status: AlertStatus;
  severity: AlertSeverity;
  summary: string;
  value: number | null;
  threshold: number | null;
  /** Which deployment sent it: PUBLIC_URL, else the host name. */
  instance: string;
  /** ISO 8601 time of the check. */
  at: string;
  text: string;
}

export function alertPayload(fields: Omit<AlertPayload, 'text'>): AlertPayload {
  const label = fields.status === 'resolved' ? 'RESOLVED' : fields.severity.toUpperCase();
  return { ...fields, text: `[TextAI Studio ${fields.instance}] ${label}: ${fields.summary}` };
}
