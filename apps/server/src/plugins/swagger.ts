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
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  }
});
