import type { FastifyInstance } from 'fastify';

/**
 * /healthz: the process is alive. /readyz: models loaded, database and (with REDIS_URL) Redis
 * reachable, database and DATA_DIR writable (503 otherwise; `database: "not_writable"` with the
 * reason when the disk is full or the database read-only).
 * /_stcore/health: plain "ok", the path the replaced system's monitors poll.
 */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const hide = { schema: { hide: true } };
  app.get('/healthz', hide, async () => ({ status: 'ok' }));

  app.get('/readyz', hide, async (_request, reply) => {
    const { tools, storage, counters, storageHealth } = app.services;
    const [reachable, redis] = await Promise.all([
      reachability(() => storage.ping()),
      counters.kind === 'redis' ? reachability(() => counters.ping()) : undefined,
    ]);
    // Reachable is not enough: a full disk or a read-only database refuses every write.
    const fault = reachable === 'ok' ? await storageHealth.check() : undefined;
    const database = fault === undefined ? reachable : ('not_writable' as const);
    const models = tools.models().map((m) => ({
      tool: m.tool,
      name: m.name,
      version: m.version,
      status: m.status,
      backend: m.backend,
      // A neural model that could not load: the built-in model serves the tool, and /readyz stays
      // 200 (every tool answers); the reason is here and in the admin page for the operator.
      ...(m.status === 'fallback' ? { fallback: 'builtin' } : {}),
      ...(m.error === undefined ? {} : { error: m.error }),
    }));
    const ready = database === 'ok' && redis !== 'unreachable' && tools.ready();
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not_ready',
      database,
      ...(fault === undefined ? {} : { database_problem: { reason: fault.kind, message: fault.message } }),
      ...(redis ? { redis } : {}),
      models,
    });
  });

  app.get('/_stcore/health', hide, async (_request, reply) => reply.type('text/plain').send('ok'));
}

function reachability(ping: () => Promise<void>): Promise<'ok' | 'unreachable'> {
  return ping().then(
    () => 'ok' as const,
    () => 'unreachable' as const,
  );
}
