import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Principal } from '../services/accounts/principal.ts';
import { AppError, featureDisabled, forbidden } from '../services/errors.ts';
import { readSignedCookie, SESSION_COOKIE } from './cookies.ts';

/** The API key of a request: X-API-Key, or Authorization: Bearer. */
function apiKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header.trim();
  const authorization = request.headers.authorization;
  if (authorization !== undefined && /^bearer\s+/i.test(authorization))
    return authorization.replace(/^bearer\s+/i, '').trim();
  return undefined;
}

/**
 * Decides who is calling, once per request: an API key (cookies are then ignored, and no CSRF
 * token is needed), else a live session cookie, else a guest. Then applies the route's rule:
 * routes with `config.scope` accept keys holding that scope; routes with `config.guests` accept
 * guests (when ENABLE_GUEST_ACCESS is on); every other route needs a logged-in user.
 */
export const authPlugin = fp(async (app: FastifyInstance) => {
  // Fastify wants request decorations declared up front (stable object shapes); the principal
  // itself is set by the hook below before any handler runs.
  const principals = new WeakMap<FastifyRequest, Principal>();
  app.decorateRequest('principal', {
    getter(this: FastifyRequest): Principal {
      return principals.get(this) ?? { kind: 'guest', ip: this.ip };
    },
    setter(this: FastifyRequest, value: Principal) {
      principals.set(this, value);
    },
  });

  app.addHook('onRequest', async (request) => {
    const { services } = app;
    const url = request.routeOptions.url;
    if (url === undefined || !url.startsWith('/api/') || request.routeOptions.config.public === true) {
      // No route matched (the 404 handler answers), or health, metrics (its own bearer token), the
      // web app's files and public routes (a key sent along is neither needed nor checked): nothing
      // to authenticate.
      request.principal = { kind: 'guest', ip: request.ip };
      return;
    }
    const routeConfig = request.routeOptions.config;
    const key = apiKeyOf(request);
    if (key !== undefined) {
      if (!services.config.features.api) throw featureDisabled('API access');
      const { key: apiKey, user } = await services.apiKeys.authenticate(key);
      request.principal = { kind: 'api_key', ip: request.ip, user, key: apiKey };
    } else {
      const token = readSignedCookie(request, SESSION_COOKIE);
      const live = token === undefined ? undefined : await services.sessions.resolve(token);
      request.principal = live
        ? { kind: 'session', ip: request.ip, user: live.user, session: live.session }
        : { kind: 'guest', ip: request.ip };
    }

    const principal = request.principal;
    if (principal.kind === 'api_key') {
      const scope = routeConfig.scope;
      if (scope === undefined) throw forbidden('API keys cannot use this route; log in instead');
      if (!principal.key.scopes.includes(scope)) throw forbidden(`this API key lacks the "${scope}" scope`);
    } else if (principal.kind === 'guest' && !isPublic(request)) {
      if (routeConfig.guests) {
        if (!services.config.features.guests) {
          throw new AppError(
            401,
            'MISSING_API_KEY',
            'an API key or a login is required (guest access is off)',
          );
        }
      } else {
        throw new AppError(401, 'UNAUTHORIZED', 'log in or send an API key');
      }
    }
  });
});

/**
 * API routes that need no principal: the API docs, and routes reached before a session exists (CSRF token, login, signup, reset).
 */
function isPublic(request: FastifyRequest): boolean {
  const url = request.routeOptions.url ?? '';
  if (url.startsWith('/api/docs')) return true;
  return (
    request.routeOptions.config.csrf === 'pre-session' ||
    url === '/api/v1/auth/csrf' ||
    url === '/api/v1/auth/me'
  );
}

/** The logged-in user of a request, or 401. */
export function requireUser(request: FastifyRequest) {
  const p = request.principal;
  if (p.kind === 'guest') throw new AppError(401, 'UNAUTHORIZED', 'log in or send an API key');
  return p.user;
}

export function requireAdmin(request: FastifyRequest) {
  const user = requireUser(request);
  if (user.tier !== 'admin') throw forbidden('admins only');
  return user;
}
