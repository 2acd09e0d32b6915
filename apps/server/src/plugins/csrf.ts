import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../services/errors.ts';
import { safeEqual } from '../services/secrets.ts';
import { CSRF_COOKIE, readSignedCookie } from './cookies.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF for cookie sessions (DESIGN.md's flow). A logged-in browser sends X-CSRF-Token equal to
 * its session's token (issued at login, readable from GET /auth/csrf). Before a session exists
 * (login, signup, reset), the header must equal the signed tai_csrf cookie from GET /auth/csrf:
 * a signed double submit, so a page on another site can neither read nor forge it. Requests with
 * an API key, and guests without a session, carry no ambient credential and need no token.
 */
export const csrfPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const principal = request.principal;
    const header = request.headers['x-csrf-token'];
    const sent = typeof header === 'string' ? header : '';
    if (principal.kind === 'session') {
      if (!safeEqual(sent, principal.session.csrfToken)) throw invalid();
      return;
    }
    if (request.routeOptions.config.csrf === 'pre-session') {
      const expected = readSignedCookie(request, CSRF_COOKIE);
      if (expected === undefined || !safeEqual(sent, expected)) throw invalid();
    }
  });
});

function invalid(): AppError {
  return new AppError(
    403,
    'CSRF_INVALID',
    'missing or invalid CSRF token: fetch GET /api/v1/auth/csrf and send it as X-CSRF-Token',
  );
}
