import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import serverPackage from '../../package.json' with { type: 'json' };
import { SESSION_SECURITY_SCHEME, withAccess } from './openapi-access.ts';

/** The OpenAPI document, generated from the routes' zod schemas, with Swagger UI at /api/docs. */
export const swaggerPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'TextAI Studio API',
        version: serverPackage.version,
        description:
          'Sentiment, summarization, fake-news detection and resume/job matching. Authenticate with an API key ' +
          '(X-API-Key or Authorization: Bearer) or a session cookie plus X-CSRF-Token.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
          bearer: { type: 'http', scheme: 'bearer' },
          session: SESSION_SECURITY_SCHEME,
        },
      },
      security: [{ apiKey: [] }, { bearer: [] }],
    },
    // Each operation also states who may call it (security and x-access): docs/API.md renders it.
    transform: withAccess(jsonSchemaTransform),
    transformObject: jsonSchemaTransformObject,
  });
  if (app.services.config.features.apiDocs) {
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      staticCSP: true,
      // Swagger UI's own policy replaces the app's on its pages, and it lets any same-origin page
      // frame the docs (browsers then ignore X-Frame-Options: DENY), allows remote styles, fonts and
      // validator.swagger.io images, and upgrades requests to HTTPS (breaking the docs on a plain
      // HTTP install). The docs need none of that — everything is served locally — so it goes.
      transformStaticCSP: (header) =>
        header
          .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
          .replace(' validator.swagger.io', '')
          .replace(/ https:/g, '')
          .replace(/ ?upgrade-insecure-requests;?/, ''),
    });
  }
});
