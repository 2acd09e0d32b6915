import type { FastifyInstance } from 'fastify';

/**
 * /healthz: the process is alive. /readyz: models loaded and database reachable (503 otherwise).
 * /_stcore/health: plain "ok", the path the replaced system's monitors poll.
 */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const hide = { schema: { hide: true } };
  app.get('/healthz', hide, async () => ({ status: 'ok' }));

  app.get('/readyz', hide, async (_request, reply) => {
    const { tools, storage } = app.services;
    let database: 'ok' | 'unreachable' = 'ok';
    try {
      await storage.ping();
    } catch {
      database = 'unreachable';
    }
    const models = tools.models().map((m) => ({
      tool: m.tool,
      name: m.name,
      version: m.version,
      status: m.status,
      ...(m.error === undefined ? {} : { error: m.error }),
    }));
    const ready = database === 'ok' && tools.ready();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', database, models });
  });

  app.get('/_stcore/health', hide, async (_request, reply) => reply.type('text/plain').send('ok'));
}
