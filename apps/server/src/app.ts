import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { loggerOptions } from './logging.ts';
import { authPlugin } from './plugins/auth.ts';
import { sendClientError } from './plugins/client-errors.ts';
import { csrfPlugin } from './plugins/csrf.ts';
import { webAppPlugin } from './plugins/web-app.ts';
import { errorHandlerPlugin, sendFrameworkError } from './plugins/error-handler.ts';
import { metricsPlugin } from './plugins/metrics.ts';
import { securityHeadersPlugin } from './plugins/security-headers.ts';
import { swaggerPlugin } from './plugins/swagger.ts';
import './plugins/types.ts';
import { accountRoutes } from './routes/account.ts';
import { adminRoutes } from './routes/admin.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { authRoutes } from './routes/auth.ts';
import { healthRoutes } from './routes/health.ts';
import { historyRoutes } from './routes/history.ts';
import { jobRoutes } from './routes/jobs.ts';
import { keyRoutes } from './routes/keys.ts';
import { serverConfigRoutes } from './routes/server-config.ts';
import { toolRoutes } from './routes/tools.ts';
import type { Clock } from './services/clock.ts';
import { createServices, type ServiceDeps } from './services/container.ts';
import { logDatabaseChange } from './services/database-change-log.ts';
import type { CounterStore } from './services/limits/counter-store.ts';
import type { ToolService } from './services/tools/tool-service.ts';
import type { Storage } from './storage/repositories.ts';

export interface AppDeps {
  config: Config;
  storage: Storage;
  tools: ToolService;
  counters: CounterStore;
  clock?: Clock;
  /** A logger instance to use instead of one built from the config (tests capture logs). */
  loggerInstance?: FastifyServerOptions['loggerInstance'];
  /** The built web app to serve at / (default apps/web/dist). */
  webRoot?: string;
  /** Job runner timing (tests shorten the poll). */
  jobRunner?: ServiceDeps['jobRunner'];
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** TRUST_PROXY=N: believe the N nearest hops of X-Forwarded-For. */
function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/** Builds the app: plugins, then routes. Never listens (tests use app.inject; server.ts listens). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    ...(deps.loggerInstance
      ? { loggerInstance: deps.loggerInstance }
      : { logger: await loggerOptions(config) }),
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    // A tool body holds at most MAX_TEXT_CHARS characters (4 bytes each in UTF-8, worst case) plus JSON.
    bodyLimit: config.limits.maxTextChars * 4 + 64 * 1024,
    requestTimeout: config.limits.requestTimeoutMs,
    // Receiving (above) and answering: a call still unanswered then gets 503 TIMEOUT. Transfers
    // (uploads, downloads, progress streams) raise their own limit: routes/route-timeouts.ts.
    handlerTimeout: config.limits.requestTimeoutMs,
    requestIdHeader: false,
    genReqId: (request) => {
      const sent = request.headers['x-request-id'];
      return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : crypto.randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Bad URLs, over-long path parameters and bytes that are not HTTP in the envelope too.
    frameworkErrors: sendFrameworkError,
    clientErrorHandler: sendClientError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorate(
    'services',
    createServices({
      ...deps,
      onBackgroundError: (error, context) => app.log.error({ err: error, context }, 'background work failed'),
      onDatabaseChange: (change, work) => logDatabaseChange(app.log, change, work),
      onStorageChange: (fault) => {
        if (fault === undefined) app.log.info('storage is writable again');
        else app.log.error({ reason: fault.kind }, `storage not writable: ${fault.message}`);
      },
    }),
  );
  app.addHook('onSend', async (request, reply) => {
    void reply.header('X-Request-Id', request.id);
  });
  app.addHook('onClose', async () => {
    await app.services.history.flush();
    await app.services.close();
  });

  await app.register(errorHandlerPlugin);
  await app.register(cookie, { secret: config.secretKey });
  // Uploads (job-match documents, later batch files): bounded in size and count.
  await app.register(multipart, {
    limits: {
      fileSize: config.limits.maxUploadBytes,
      files: 2,
      fields: 20,
      fieldSize: config.limits.maxTextChars * 4,
      parts: 24,
    },
  });
  await app.register(securityHeadersPlugin);
  await app.register(metricsPlugin);
  await app.register(swaggerPlugin);
  await app.register(authPlugin);
  await app.register(csrfPlugin);

  await app.register(healthRoutes);
  await app.register(
    async (v1) => {
      await v1.register(toolRoutes);
      await v1.register(authRoutes);
      await v1.register(keyRoutes);
      await v1.register(historyRoutes);
      await v1.register(jobRoutes);
      await v1.register(analyticsRoutes);
      await v1.register(accountRoutes);
      await v1.register(adminRoutes);
      await v1.register(serverConfigRoutes);
    },
    { prefix: '/api/v1' },
  );
  // The replaced system's documented paths: the same tool and batch handlers under /api.
  await app.register(toolRoutes, { prefix: '/api' });
  await app.register(webAppPlugin, deps.webRoot === undefined ? {} : { root: deps.webRoot });
  return app;
}
