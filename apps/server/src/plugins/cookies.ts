import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Cookie names and flags in one place. */
export const SESSION_COOKIE = 'tai_session';
export const CSRF_COOKIE = 'tai_csrf';

/**
 * Secure when the client reached us over HTTPS (directly, or per X-Forwarded-Proto with
 * TRUST_PROXY), and always when PUBLIC_URL is https://: that deployment is HTTPS, so a proxy that
 * forgets X-Forwarded-Proto must not downgrade the cookies to ones a plain-HTTP request could leak.
 */
function secure(request: FastifyRequest): boolean {
  return request.protocol === 'https' || isHttpsUrl(request.server.services.config.publicUrl);
}

/** URL schemes are case-insensitive (RFC 3986 §3.1). */
function isHttpsUrl(url: string | undefined): boolean {
  return url !== undefined && /^https:\/\//i.test(url.trim());
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeMs: number,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(request),
    signed: true,
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

/** The CSRF cookie is readable by the page's script (it sends the value back in X-CSRF-Token). */
export function setCsrfCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(CSRF_COOKIE, token, {
    path: '/',
    httpOnly: false,
    sameSite: 'lax',
    secure: secure(request),
    signed: true,
  });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** A signed cookie's value, or undefined when missing or tampered with. */
export function readSignedCookie(request: FastifyRequest, name: string): string | undefined {
  const raw = request.cookies[name];
  if (raw === undefined) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value !== null ? unsigned.value : undefined;
}
