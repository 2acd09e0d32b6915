import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import { isHttpsDeployment } from './https-deployment.ts';

const HELMET_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
  frameguard: { action: 'deny' },
  hsts: false,
  referrerPolicy: { policy: 'same-origin' },
  crossOriginEmbedderPolicy: false,
};

/**
 * The headers helmet sets, computed once. Helmet's middleware rebuilds them (the CSP string
 * included) for every response, which showed up in the server's profile; they never change, so
 * they are captured here by running it once against a recording response.
 */
function helmetHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name];
    },
  };
  let done = false;
  helmet(options)({} as unknown as IncomingMessage, recorder as unknown as ServerResponse, () => {
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously');
  return headers;
}

/** Helmet's headers, for every response (also those sent before any hook runs: see error-handler.ts). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = helmetHeaders(HELMET_OPTIONS);

const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * HSTS on an HTTPS deployment (the same rule as Secure cookies: see https-deployment.ts), also when
 * its proxy forgets X-Forwarded-Proto; never on a plain-HTTP one, whose browsers it would lock out.
 */
export function addHsts(request: FastifyRequest, reply: FastifyReply): void {
  if (isHttpsDeployment(request)) void reply.header('Strict-Transport-Security', HSTS);
}

/**
 * Security headers on every response: a CSP with no inline or remote scripts, frame denial,
 * nosniff, a strict referrer policy; HSTS only on an HTTPS deployment (on a plain-HTTP one,
 * localhost included, it would lock browsers out). CORS only for the configured origins. One
 * callback-style hook, since it runs on every request.
 */
export const securityHeadersPlugin = fp(async (app: FastifyInstance) => {
  const headers = SECURITY_HEADERS;
  const origins = new Set(app.services.config.corsOrigins);
  app.addHook('onRequest', (request, reply, done) => {
    void reply.headers(headers);
    addHsts(request, reply);
    const origin = request.headers.origin;
    if (origin === undefined || !origins.has(origin)) return done();
    void reply.header('Access-Control-Allow-Origin', origin);
    void reply.header('Vary', 'Origin');
    void reply.header('Access-Control-Allow-Credentials', 'true');
    if (request.method !== 'OPTIONS') return done();
    void reply.header('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE');
    void reply.header('Access-Control-Allow-Headers', 'Content-Type, X-API-Key, Authorization, X-CSRF-Token');
    void reply.header('Access-Control-Max-Age', '600');
    void reply.code(204).send();
  });
});
