import type { ToolName } from '@textai/contracts';
import { readJobOptions } from '../services/jobs/job-options.ts';
import type { ApiKey, AuditEvent, HistoryEntry, Job, User } from '../storage/repositories.ts';

/** Domain objects → response shapes (snake_case, ISO times). Response schemas then strip anything else. */

export const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function presentUser(user: User) {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    tier: user.tier,
    disabled: user.disabled,
    store_inputs: user.storeInputs,
    created_at: iso(user.createdAt),
  };
}

export function presentKey(key: ApiKey) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    last4: key.last4,
    scopes: key.scopes,
    created_at: iso(key.createdAt),
    expires_at: isoOrNull(key.expiresAt),
    last_used_at: isoOrNull(key.lastUsedAt),
    revoked_at: isoOrNull(key.revokedAt),
  };
}

export function presentHistoryEntry(entry: HistoryEntry) {
  return {
    id: entry.id,
    tool: entry.tool as 'sentiment' | 'summarize' | 'fake-news' | 'job-match',
    source: entry.source,
    input_excerpt: entry.inputExcerpt,
    result: entry.result,
    label: entry.label,
    model: entry.modelName === null ? null : { name: entry.modelName, version: entry.modelVersion ?? '' },
    latency_ms: entry.latencyMs,
    items: entry.items,
    failed: entry.failed,
    created_at: iso(entry.createdAt),
  };
}

export function presentAuditEvent(event: AuditEvent) {
  return {
    id: event.id,
    event: event.event,
    actor_id: event.actorId,
    target_id: event.targetId,
    ip: event.ip,
    details: event.details,
    created_at: iso(event.createdAt),
  };
}

export function pagination(total: number, limit: number, offset: number) {
  return { total, limit, offset };
}

/** A job with its progress: rows/second since it started, and the time left at that rate. */
export function presentJob(job: Job, now: number, retentionDays: number) {
  const options = readJobOptions(job.options);
  const total = job.totalRows;
  const elapsedMs = job.startedAt === null ? 0 : (job.finishedAt ?? now) - job.startedAt;
  const rate = elapsedMs > 0 && job.rowsDone > 0 ? (job.rowsDone * 1000) / elapsedMs : null;
  const active = job.status === 'queued' || job.status === 'running';
  const eta =
    active && rate !== null && total !== null ? Math.max(0, Math.round((total - job.rowsDone) / rate)) : null;
  return {
    id: job.id,
    tool: job.tool as ToolName,
    status: job.status,
    file: { name: job.inputName, format: job.inputFormat, bytes: job.inputBytes },
    columns: options.header,
    ranked: options.ranked,
    total_rows: total,
    rows_done: job.rowsDone,
    rows_failed: job.rowsFailed,
    progress: total === null ? 0 : total === 0 ? 1 : Math.min(1, job.rowsDone / total),
    rows_per_second: rate === null ? null : Math.round(rate * 10) / 10,
    eta_seconds: eta,
    error: job.error,
    created_at: iso(job.createdAt),
    started_at: isoOrNull(job.startedAt),
    finished_at: isoOrNull(job.finishedAt),
    expires_at: job.finishedAt === null ? null : iso(job.finishedAt + retentionDays * 86_400_000),
  };
}
