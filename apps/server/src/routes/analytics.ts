import { analyticsQuery, analyticsResponse, errorEnvelope } from '@textai/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireUser } from '../plugins/auth.ts';
import { featureDisabled } from '../services/errors.ts';

/** Usage figures: the caller's own; an admin's cover everyone, guests included. */
export async function analyticsRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/analytics',
    {
      config: { scope: 'history' },
      schema: {
        tags: ['history'],
        summary: 'Usage analytics, per day in the time zone `tz` (default UTC)',
        querystring: analyticsQuery,
        response: { 200: analyticsResponse, 400: errorEnvelope, 401: errorEnvelope, 403: errorEnvelope },
      },
    },
    async (request) => {
      if (!app.services.config.features.analytics) throw featureDisabled('analytics');
      const user = requireUser(request);
      await app.services.history.flush();
      return app.services.analytics.compute(user.tier === 'admin' ? null : user.id, request.query.tz);
    },
  );
}
