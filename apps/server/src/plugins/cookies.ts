import '@fastify/cookie';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isHttpsDeployment } from './https-deployment.ts';

/** Cookie names and flags in one place. */
export const SESSION_COOKIE = 'tai_session';
export const CSRF_COOKIE = 'tai_csrf';

/**
 * The session cookie's attributes, shared by setting and clearing it: a Set-Cookie that clears
 * with other attributes (no Secure, another Path) may be taken for another cookie or refused, and
 * the browser keeps sending the old one.
 */
function sessionCookieAttributes(request: FastifyRequest): CookieSerializeOptions {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: isHttpsDeployment(request) };
}

/** The CSRF cookie is readable by the page's script (it sends the value back in X-CSRF-Token). */
function csrfCookieAttributes(request: FastifyRequest): CookieSerializeOptions {
  return { path: '/', httpOnly: false, sameSite: 'lax', secure: isHttpsDeployment(request) };
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeMs: number,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    ...sessionCookieAttributes(request),
    signed: true,
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function setCsrfCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(CSRF_COOKIE, token, { ...csrfCookieAttributes(request), signed: true });
}

/**
 * Ends the session cookie (logout, account deletion) with the attributes it was set with. The
 * CSRF cookie stays: it is the pre-session double-submit token, and the next GET /auth/csrf
 * replaces it.
 */
export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, sessionCookieAttributes(request));
}

/** A signed cookie's value, or undefined when missing or tampered with. */
export function readSignedCookie(request: FastifyRequest, name: string): string | undefined {
  const raw = request.cookies[name];
  if (raw === undefined) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value !== null ? unsigned.value : undefined;
}
