import type { FastifyReply, FastifyRequest } from 'fastify';
import { limitSubject, tierOf } from '../services/accounts/principal.ts';
import { AppError } from '../services/errors.ts';
import type { RowBudget } from '../services/jobs/job-service.ts';
import type { LimitState } from '../services/limits/rate-limiter.ts';

export type RejectionCounter = (tier: string) => void;

function setHeaders(reply: FastifyReply, state: LimitState): void {
  if (state.limit === null) return;
  void reply.header('X-RateLimit-Limit', String(state.limit));
  void reply.header('X-RateLimit-Remaining', String(state.remaining));
  void reply.header('X-RateLimit-Reset', String(state.resetAt));
}

function rejection(state: LimitState, now: number, message: string): AppError {
  const retryAfter = Math.max(1, Math.ceil(state.resetAt - now / 1000));
  return new AppError(
    429,
    'RATE_LIMIT_EXCEEDED',
    message,
    { limit: state.limit, reset: state.resetAt },
    {
      'Retry-After': String(retryAfter),
    },
  );
}

/**
 * Counts one request against the caller's hourly budget (per key, user or IP by tier); sets the
 * X-RateLimit-* headers; refuses with 429 and Retry-After when the budget is spent.
 */
export async function consumeRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  onReject: RejectionCounter,
): Promise<void> {
  const { rateLimiter, clock } = request.server.services;
  const tier = tierOf(request.principal);
  const state = await rateLimiter.consumeRequest(limitSubject(request.principal), tier);
  setHeaders(reply, state);
  if (!state.allowed) {
    onReject(tier);
    throw rejection(state, clock.now(), `rate limit of ${state.limit} requests per hour reached`);
  }
}

/** Reserves `rows` of the caller's daily row budget for a batch call or file job. */
export async function consumeRows(
  request: FastifyRequest,
  rows: number,
  onReject: RejectionCounter,
): Promise<void> {
  const { rateLimiter, clock } = request.server.services;
  const tier = tierOf(request.principal);
  const state = await rateLimiter.consumeRows(limitSubject(request.principal), tier, rows);
  if (!state.allowed) {
    onReject(tier);
    throw rejection(
      state,
      clock.now(),
      `daily limit of ${state.limit} rows reached (${state.remaining} left today)`,
    );
  }
}

/**
 * The caller's daily row budget for a file job: what is left, so that an upload is refused as
 * soon as it counts more rows than that rather than after the whole file is stored, and the charge
 * itself, made once the rows are counted (atomic, so it still refuses rows that concurrent uploads
 * took in the meantime).
 */
export async function rowBudget(request: FastifyRequest, onReject: RejectionCounter): Promise<RowBudget> {
  const { rateLimiter, clock } = request.server.services;
  const tier = tierOf(request.principal);
  const state = await rateLimiter.rowsLeft(limitSubject(request.principal), tier);
  return {
    left: state.remaining ?? Infinity,
    refuse() {
      onReject(tier);
      const left = state.remaining ?? 0;
      return rejection(
        { ...state, allowed: false },
        clock.now(),
        left === 0
          ? `daily limit of ${state.limit} rows reached (0 left today)`
          : `daily limit of ${state.limit} rows: the file has more rows than the ${left} left today`,
      );
    },
    charge: (rows) => consumeRows(request, rows, onReject),
  };
}
