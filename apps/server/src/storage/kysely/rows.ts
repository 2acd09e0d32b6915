import type { Selectable } from 'kysely';
import type {
  ApiKey,
  ApiKeyScope,
  AuditEvent,
  HistoryEntry,
  HistorySource,
  User,
  UserWithSecret,
} from '../repositories.ts';
import type { ApiKeysTable, AuditTable, HistoryTable, UsersTable } from '../schema.ts';

/** Row ↔ domain mapping, in one place for both dialects (PostgreSQL BIGINTs arrive as numbers: see postgres/open.ts). */

export function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    tier: row.tier,
    disabled: Number(row.disabled) === 1,
    storeInputs: Number(row.store_inputs) === 1,
    createdAt: Number(row.created_at),
    passwordChangedAt: Number(row.password_changed_at),
  };
}

export function toUserWithSecret(row: Selectable<UsersTable>): UserWithSecret {
  return { ...toUser(row), passwordHash: row.password_hash };
}

export function toApiKey(row: Selectable<ApiKeysTable>): ApiKey {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.prefix,
    last4: row.last4,
    scopes: parseJson<ApiKeyScope[]>(row.scopes) ?? [],
    createdAt: Number(row.created_at),
    expiresAt: nullableNumber(row.expires_at),
    lastUsedAt: nullableNumber(row.last_used_at),
    revokedAt: nullableNumber(row.revoked_at),
  };
}

export function toHistoryEntry(row: Selectable<HistoryTable>): HistoryEntry {
  return {
    id: row.id,
    userId: row.user_id,
    tool: row.tool,
    source: row.source as HistorySource,
    inputExcerpt: row.input_excerpt,
    result: parseJson<unknown>(row.result),
    label: row.label,
    modelName: row.model_name,
    modelVersion: row.model_version,
    latencyMs: Number(row.latency_ms),
    items: Number(row.items),
    failed: Number(row.failed),
    createdAt: Number(row.created_at),
  };
}

export function historyRow(entry: HistoryEntry): HistoryTable {
  return {
    id: entry.id,
    user_id: entry.userId,
    tool: entry.tool,
    source: entry.source,
    input_excerpt: entry.inputExcerpt,
    result: entry.result === null || entry.result === undefined ? null : JSON.stringify(entry.result),
    label: entry.label,
    model_name: entry.modelName,
    model_version: entry.modelVersion,
    latency_ms: entry.latencyMs,
    items: entry.items,
    failed: entry.failed,
    created_at: entry.createdAt,
  };
}

export function toAuditEvent(row: Selectable<AuditTable>): AuditEvent {
  return {
    id: row.id,
    actorId: row.actor_id,
    event: row.event,
    targetId: row.target_id,
    ip: row.ip,
    details: parseJson<Record<string, unknown>>(row.details),
    createdAt: Number(row.created_at),
  };
}

export function nullableNumber(value: number | null): number | null {
  return value === null ? null : Number(value);
}

function parseJson<T>(value: string | null): T | null {
  if (value === null) return null;
  try {
    return JSON.parse(value) as T;
  } catch {
    return null;
  }
}

/** A LIKE pattern matching `term` anywhere, with LIKE's wildcards in the term taken literally. */
export function containsPattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
