import { serverConfigResponse } from '@textai/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

/** GET /config: the public limits and switches the web app (or any client) adapts to. */
export async function serverConfigRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/config',
    {
      config: { public: true },
      schema: {
        tags: ['meta'],
        summary: 'Upload and text limits, and which features are on (no login needed)',
        response: { 200: serverConfigResponse },
      },
    },
    async () => {
      const { limits, features, smtp } = app.services.config;
      return {
        limits: {
          max_upload_mb: Math.round(limits.maxUploadBytes / 1_048_576),
          max_upload_bytes: limits.maxUploadBytes,
          max_text_chars: limits.maxTextChars,
          max_batch_size: limits.maxBatchSize,
        },
        features: {
          signup: features.signup,
          guests: features.guests,
          batch: features.batch,
          password_reset_email: smtp !== undefined,
        },
      };
    },
  );
}
