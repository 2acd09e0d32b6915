import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { ensureAdmin } from './bootstrap.ts';
import type { Config } from './config.ts';
import { countResponses } from './plugins/request-stats.ts';
import { MemoryCounterStore, type CounterStore } from './services/limits/counter-store.ts';
import { startScheduledWork } from './services/scheduler/scheduled-work.ts';
import { ToolService, modelSpecsOf, neuralSettingsOf } from './services/tools/tool-service.ts';
import { openStorage } from './storage/index.ts';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/**
 * config → storage (migrated) → models → app → listen. Models load before listen, so /readyz is
 * ready from the first request it answers. SIGTERM/SIGINT close gracefully: stop accepting, let
 * in-flight requests finish, let job chunks in hand finish and commit, flush history, close the
 * database. A scheduled task in progress (a backup) finishes first and releases its lease.
 */
export async function startServer(
  config: Config,
  options: { handleSignals?: boolean } = {},
): Promise<RunningServer> {
  const storage = openStorage(config.database, { backgroundCheckpoints: true });
  await storage.migrate();
  // ioredis is loaded only when Redis is configured.
  const counters: CounterStore = config.redisUrl
    ? new (await import('./services/limits/redis-counter-store.ts')).RedisCounterStore(
        config.redisUrl,
        `${config.redisPrefix}:`,
      )
    : new MemoryCounterStore();
  const tools = new ToolService(config.limits.maxTextChars);
  const models = await tools.load(modelSpecsOf(config), neuralSettingsOf(config));
  const app = await buildApp({ config, storage, tools, counters });
  for (const m of models) {
    if (m.status === 'failed')
      app.log.error({ tool: m.tool, spec: m.spec, error: m.error }, 'model failed to load');
    if (m.status === 'fallback')
      app.log.error(
        { tool: m.tool, spec: m.spec, error: m.error },
        'neural model not loaded; serving the built-in model',
      );
  }
  await ensureAdmin(config, storage, app.services.accounts, (message) => process.stderr.write(message));
  // Retention purges, BACKUP_SCHEDULE and alert checks: one server process per due time.
  const scheduled = startScheduledWork({
    config,
    storage,
    services: app.services,
    clock: app.services.clock,
    log: app.log,
  });
  if (scheduled.requestStats !== undefined) countResponses(app, scheduled.requestStats);

  const url = await app.listen({ host: config.host, port: config.port });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await scheduled.stop();
      await app.close();
      await counters.close();
      await storage.close();
    })());
  if (options.handleSignals) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        app.log.info({ signal }, 'shutting down');
        const force = setTimeout(() => process.exit(1), 30_000);
        force.unref();
        void close().then(() => process.exit(0));
      });
    }
  }
  // Announced only once SIGTERM is handled: a supervisor (or a test) may stop it as soon as it reads this.
  app.log.info(
    {
      url,
      // performance.now() counts from the process start: this is the "startup to ready" figure.
      startup_ms: Math.round(performance.now()),
      models: models.map((m) => `${m.tool}:${m.name}@${m.version}:${m.status}:${Math.round(m.loadMs)}ms`),
    },
    'TextAI Studio is ready',
  );
  return { app, url, close };
}
