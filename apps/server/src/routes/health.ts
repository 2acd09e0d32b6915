import type { FastifyInstance } from 'fastify';

/**
 * /healthz: the process is alive. /readyz: models loaded, database and (with REDIS_URL) Redis
 * reachable (503 otherwise).
 * /_stcore/health: plain "ok", the path the replaced system's monitors poll.
 */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const hide = { schema: { hide: true } };
  app.get('/healthz', hide, async () => ({ status: 'ok' }));

  app.get('/readyz', hide, async (_request, reply) => {
    const { tools, storage, counters } = app.services;
    const [database, redis] = await Promise.all([
      reachability(() => storage.ping()),
      counters.kind === 'redis' ? reachability(() => counters.ping()) : undefined,
    ]);
    const models = tools.models().map((m) => ({
      tool: m.tool,
      name: m.name,
      version: m.version,
      status: m.status,
      ...(m.error === undefined ? {} : { error: m.error }),
    }));
    const ready = database === 'ok' && redis !== 'unreachable' && tools.ready();
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not_ready', database, ...(redis ? { redis } : {}), models });
  });

  app.get('/_stcore/health', hide, async (_request, reply) => reply.type('text/plain').send('ok'));
}

function reachability(ping: () => Promise<void>): Promise<'ok' | 'unreachable'> {
  return ping().then(
    () => 'ok' as const,
    () => 'unreachable' as const,
  );
}
