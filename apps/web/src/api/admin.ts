/**
 * The admin routes (GET/PATCH /admin/users, reset links, /admin/stats, /admin/audit) and the
 * server's readiness (/readyz, outside the API prefix). Admins only: the server answers 403 to
 * anyone else. Types come from the shared schemas, type-only.
 */
import type {
  adminPatchUserRequest,
  adminUsersResponse,
  auditEventView,
  auditResponse,
  resetLinkResponse,
  statsResponse,
} from '@textai/contracts';
import type { z } from 'zod';
import { ApiError, apiGet, apiSend } from './client.ts';
import type { ApiResponse } from './client.ts';
import { getAnalytics } from './history.ts';
import type { Analytics } from './history.ts';
import type { User } from './types.ts';

export type UserTier = User['tier'];
export type AdminUsersPage = z.infer<typeof adminUsersResponse>;
export type AdminUserPatch = z.infer<typeof adminPatchUserRequest>;
export type ResetLink = z.infer<typeof resetLinkResponse>;
export type AuditEvent = z.infer<typeof auditEventView>;
export type AuditPage = z.infer<typeof auditResponse>;
export type SystemStats = z.infer<typeof statsResponse>;
/** GET /analytics as an admin: scope "everyone" (all users and guests). */
export type UsageAnalytics = Analytics;

export const USER_TIERS: readonly UserTier[] = ['user', 'pro', 'admin'];

/** The events the server records (apps/server/src/services/audit.ts), for the audit log's filter. */
export const AUDIT_EVENTS: readonly string[] = [
  'login',
  'login_failed',
  'logout',
  'signup',
  'password_changed',
  'password_reset_issued',
  'password_reset_used',
  'key_created',
  'key_revoked',
  'tier_changed',
  'user_disabled',
  'user_enabled',
  'user_created',
  'account_deleted',
];

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

export function listUsers(params: {
  q?: string;
  limit: number;
  offset: number;
}): Promise<ApiResponse<AdminUsersPage>> {
  return apiGet<AdminUsersPage>(`/admin/users${query(params)}`);
}

export function updateUser(id: string, patch: AdminUserPatch): Promise<ApiResponse<User>> {
  return apiSend<User>('PATCH', `/admin/users/${encodeURIComponent(id)}`, patch);
}

export function issueResetLink(id: string): Promise<ApiResponse<ResetLink>> {
  return apiSend<ResetLink>('POST', `/admin/users/${encodeURIComponent(id)}/reset-password`);
}

export function fetchStats(): Promise<ApiResponse<SystemStats>> {
  return apiGet<SystemStats>('/admin/stats');
}

/** Everyone's calls per day (last 30 days, days in `timeZone`) and latency per tool: GET /analytics. */
export function fetchUsage(timeZone: string): Promise<ApiResponse<UsageAnalytics>> {
  return getAnalytics(timeZone);
}

export function listAudit(params: {
  event?: string;
  limit: number;
  offset: number;
}): Promise<ApiResponse<AuditPage>> {
  return apiGet<AuditPage>(`/admin/audit${query(params)}`);
}

/** GET /readyz: 200 when ready, 503 (with the same body) when a model or the database is not. */
export interface Readiness {
  status: 'ready' | 'not_ready';
  database: 'ok' | 'unreachable' | 'not_writable';
  /** Why the database takes no writes (a full disk, a read-only database), when it does not. */
  database_problem?: { reason: string; message: string };
  models: { tool: string; name: string; version: string; status: string; error?: string }[];
}

function isReadiness(value: unknown): value is Readiness {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { status?: unknown }).status === 'string' &&
    Array.isArray((value as { models?: unknown }).models)
  );
}

export async function fetchReadiness(): Promise<{ data: Readiness }> {
  let response: Response;
  try {
    response = await fetch('/readyz', {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(
      0,
      'NETWORK_ERROR',
      'Could not reach the server. Check your connection and try again.',
    );
  }
  let body: unknown = undefined;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if ((response.ok || response.status === 503) && isReadiness(body)) return { data: body };
  throw new ApiError(response.status, 'HTTP_ERROR', `The readiness check answered ${response.status}`);
}
