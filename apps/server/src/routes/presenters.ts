import type { ApiKey, AuditEvent, HistoryEntry, User } from '../storage/repositories.ts';

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
