import {
  createKeyRequest,
  createKeyResponse,
  errorEnvelope,
  idParams,
  keyListResponse,
} from '@textai/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../plugins/auth.ts';
import { featureDisabled } from '../services/errors.ts';
import { presentKey } from './presenters.ts';

const errors = { 400: errorEnvelope, 401: errorEnvelope, 403: errorEnvelope, 404: errorEnvelope };

/** API keys of the logged-in user (managed from a session only: a key cannot mint keys). */
export async function keyRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const enabled = () => {
    if (!app.services.config.features.api) throw featureDisabled('API access');
  };

  api.get(
    '/keys',
    { schema: { tags: ['keys'], summary: 'Your API keys', response: { 200: keyListResponse, ...errors } } },
    async (request) => {
      const user = requireUser(request);
      return { data: (await app.services.apiKeys.list(user)).map(presentKey) };
    },
  );

  api.post(
    '/keys',
    {
      schema: {
        tags: ['keys'],
        summary: 'Create an API key (the full key is shown once)',
        body: createKeyRequest,
        response: { 201: createKeyResponse, ...errors },
      },
    },
    async (request, reply) => {
      enabled();
      const user = requireUser(request);
      const { key, secret } = await app.services.apiKeys.create(
        user,
        {
          name: request.body.name,
          ...(request.body.expires_in_days === undefined
            ? {}
            : { expiresInDays: request.body.expires_in_days }),
          ...(request.body.scopes === undefined ? {} : { scopes: request.body.scopes }),
        },
        request.ip,
      );
      return reply.code(201).send({ ...presentKey(key), key: secret });
    },
  );

  api.delete(
    '/keys/:id',
    {
      schema: {
        tags: ['keys'],
        summary: 'Revoke an API key',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await app.services.apiKeys.revoke(user, request.params.id, request.ip);
      return reply.code(204).send(null);
    },
  );
}
