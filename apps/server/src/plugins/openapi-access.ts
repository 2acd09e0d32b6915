import type { SwaggerTransform } from '@fastify/swagger';
import type { FastifySchema, RouteOptions } from 'fastify';
import { SESSION_COOKIE } from './cookies.ts';

/**
 * Who may call an operation, as the OpenAPI document states it: per-operation `security` (which
 * credentials) and an `x-access` object that docs/API.md renders. It restates the rule the auth
 * plugin (auth.ts) and the admin routes apply; test/http/openapi-access.test.ts calls every
 * operation as a guest, with keys and as a user to prove the two agree.
 */
export interface OperationAccess {
  /** anyone: no credentials needed (guests on tool routes, or routes used before a session exists). */
  who: 'anyone' | 'users' | 'admins';
  /**
   * API keys: accepted with a scope ("scoped"), refused (only a browser session will do), or
   * ignored (public routes check no credentials at all).
   */
  api_keys: 'scoped' | 'refused' | 'ignored';
  /** The scope a key needs when api_keys is "scoped". */
  api_key_scope: 'tools' | 'batch' | 'history' | null;
  /** Guests are admitted only while ENABLE_GUEST_ACCESS is on (the tool and batch routes). */
  guest_access_setting: boolean;
  /**
   * X-CSRF-Token this operation needs: "session" (a logged-in browser sends its session's token),
   * "pre-session" (the token from GET /auth/csrf, matching the tai_csrf cookie), or "none".
   */
  csrf: 'session' | 'pre-session' | 'none';
}

export const SESSION_SECURITY_SCHEME = {
  type: 'apiKey',
  in: 'cookie',
  name: SESSION_COOKIE,
  description: 'Browser session (log in at POST /api/v1/auth/login); state-changing calls add X-CSRF-Token.',
} as const;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function methodsOf(route: RouteOptions): string[] {
  return Array.isArray(route.method) ? route.method : [route.method];
}

export function accessOf(route: RouteOptions): OperationAccess {
  const config = route.config ?? {};
  const url = route.url;
  const changesState = methodsOf(route).some((m) => !SAFE_METHODS.has(m));
  const preSession = config.csrf === 'pre-session';
  const scope = config.scope ?? null;
  // `public` routes (GET /config) skip authentication altogether.
  const open = 'public' in config && config.public === true;
  let who: OperationAccess['who'] = 'users';
  // The same exemptions as auth.ts's isPublic (GET /auth/me is exempt there but answers 401 itself).
  if (open || config.guests === true || preSession || url === '/api/v1/auth/csrf') who = 'anyone';
  // Every admin route checks requireAdmin in its handler.
  else if (url.startsWith('/api/v1/admin/')) who = 'admins';
  return {
    who,
    api_keys: open ? 'ignored' : scope === null ? 'refused' : 'scoped',
    api_key_scope: open ? null : scope,
    guest_access_setting: config.guests === true,
    csrf: !changesState ? 'none' : preSession ? 'pre-session' : 'session',
  };
}

type Requirement = Record<string, string[]>;

function securityOf(access: OperationAccess): Requirement[] {
  if (access.api_keys === 'ignored') return [{}];
  const keys: Requirement[] = access.api_keys === 'scoped' ? [{ apiKey: [] }, { bearer: [] }] : [];
  const anonymous: Requirement[] = access.who === 'anyone' ? [{}] : [];
  return [...anonymous, ...keys, { session: [] }];
}

/** Wraps a schema transform (the zod one) to add each operation's access to the document. */
export function withAccess<S extends FastifySchema>(transform: SwaggerTransform<S>): SwaggerTransform<S> {
  return (input) => {
    const result = transform(input);
    const access = accessOf(input.route);
    return {
      ...result,
      schema: { ...result.schema, security: securityOf(access), 'x-access': access } as FastifySchema,
    };
  };
}
