import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Security headers on every response: a CSP with no inline or remote scripts, frame denial,
 * nosniff, a strict referrer policy; HSTS only on HTTPS (sending it over plain HTTP is meaningless,
 * and on localhost harmful). CORS only for the configured origins.
 */
export const securityHeadersPlugin = fp(async (app: FastifyInstance) => {
  await app.register(helmet, {
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
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') {
      void reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    }
  });

  const origins = new Set(app.services.config.corsOrigins);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined || !origins.has(origin)) return;
    void reply.header('Access-Control-Allow-Origin', origin);
    void reply.header('Vary', 'Origin');
    void reply.header('Access-Control-Allow-Credentials', 'true');
    if (request.method === 'OPTIONS') {
      void reply.header('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE');
      void reply.header(
        'Access-Control-Allow-Headers',
        'Content-Type, X-API-Key, Authorization, X-CSRF-Token',
      );
      void reply.header('Access-Control-Max-Age', '600');
      return reply.code(204).send();
    }
  });
});
