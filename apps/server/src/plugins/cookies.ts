import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isHttpsDeployment } from './https-deployment.ts';

/** Cookie names and flags in one place. */
export const SESSION_COOKIE = 'tai_session';
export const CSRF_COOKIE = 'tai_csrf';

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
    secure: isHttpsDeployment(request),
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
    secure: isHttpsDeployment(request),
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
