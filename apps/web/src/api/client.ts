import type { ErrorEnvelope } from './types.ts';

/** Every call goes to the same origin, under the versioned public API. */
export const API_BASE = '/api/v1';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** An error answer from the API (its envelope), or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly details: unknown;
  /** Seconds to wait, from Retry-After (429). */
  readonly retryAfter: number | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { requestId?: string; details?: unknown; retryAfter?: number } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = extra.requestId;
    this.details = extra.details;
    this.retryAfter = extra.retryAfter;
  }
}

/** The rate-limit headers of the last answer that had them. */
export interface RateLimit {
  limit: number;
  remaining: number;
  /** Epoch seconds. */
  reset: number;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  rateLimit: RateLimit | undefined;
}

/**
 * The CSRF token to send with state-changing requests. It comes from GET /auth/csrf, and is
 * replaced by the session's token at signup and login (the server rotates it); logout forgets it.
 */
let csrfToken: string | undefined;
let pendingCsrf: Promise<string> | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

async function currentCsrfToken(): Promise<string> {
  if (csrfToken !== undefined) return csrfToken;
  pendingCsrf ??= (async () => {
    try {
      const { data } = await send<{ csrf_token: string }>('GET', '/auth/csrf', undefined, false);
      csrfToken = data.csrf_token;
      return data.csrf_token;
    } finally {
      pendingCsrf = undefined;
    }
  })();
  return pendingCsrf;
}

function isEnvelope(value: unknown): value is ErrorEnvelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { error?: unknown }).error === 'string' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}

function numberHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

function readRateLimit(headers: Headers): RateLimit | undefined {
  const limit = numberHeader(headers, 'X-RateLimit-Limit');
  const remaining = numberHeader(headers, 'X-RateLimit-Remaining');
  const reset = numberHeader(headers, 'X-RateLimit-Reset');
  if (limit === undefined || remaining === undefined || reset === undefined) return undefined;
  return { limit, remaining, reset };
}

async function send<T>(
  method: string,
  path: string,
  body: unknown,
  withCsrf: boolean,
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // A FormData body (a file upload) goes as multipart: fetch sets its Content-Type and boundary.
  const form = body instanceof FormData ? body : undefined;
  if (body !== undefined && form === undefined) headers['Content-Type'] = 'application/json';
  if (withCsrf) headers['X-CSRF-Token'] = await currentCsrfToken();

  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(
      0,
      'NETWORK_ERROR',
      'Could not reach the server. Check your connection and try again.',
    );
  }

  const rateLimit = readRateLimit(response.headers);
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }

  if (!response.ok) {
    if (isEnvelope(parsed)) {
      throw new ApiError(response.status, parsed.code, parsed.error, {
        requestId: parsed.request_id,
        details: parsed.details,
        retryAfter: numberHeader(response.headers, 'Retry-After'),
      });
    }
    throw new ApiError(
      response.status,
      'HTTP_ERROR',
      `The server answered ${response.status} ${response.statusText}`.trim(),
      { requestId: response.headers.get('X-Request-Id') ?? undefined },
    );
  }
  return { data: parsed as T, status: response.status, rateLimit };
}

export function apiGet<T>(path: string): Promise<ApiResponse<T>> {
  return send<T>('GET', path, undefined, false);
}

/**
 * A state-changing request with the CSRF token. When the server refuses the token (it rotated in
 * another tab, or the session ended), a fresh token is fetched and the request is sent once more.
 */
export async function apiSend<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
  const withCsrf = !SAFE_METHODS.has(method);
  try {
    return await send<T>(method, path, body, withCsrf);
  } catch (error) {
    if (withCsrf && error instanceof ApiError && error.code === 'CSRF_INVALID') {
      csrfToken = undefined;
      return send<T>(method, path, body, withCsrf);
    }
    throw error;
  }
}
