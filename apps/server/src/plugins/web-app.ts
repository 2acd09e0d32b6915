import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** Where `npm install` (or `npm run build`) puts the built web app. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/**
 * Paths that are never the single-page app, so an unknown one there gets the JSON 404 (a missing
 * asset must not come back as HTML, or a browser holding an old page fails with a MIME error).
 */
const NOT_THE_APP = /^\/(api|assets|metrics|healthz|readyz|_stcore)(\/|$|\?)/;

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>TextAI Studio</title>
<body><main><h1>TextAI Studio</h1><p>The API is running, but the web app has not been built.
Run <code>npm run build</code> (it also runs after <code>npm install</code>) and reload.</p>
<p>API documentation: <a href="/api/docs">/api/docs</a>.</p></main></body></html>`;

/**
 * Serves the web app (apps/web/dist) at /: its hashed assets with a year's caching, and index.html
 * — never cached, so a new release is picked up at once — for `/` and for any other GET path the
 * API does not own (the app's routes, like /sentiment or /history, are resolved in the browser).
 */
export const webAppPlugin = fp(
  async (app: FastifyInstance, options: { root?: string }) => {
    const root = options.root ?? DEFAULT_WEB_ROOT;
    const built = existsSync(path.join(root, 'index.html'));
    if (!built) app.log.warn({ root }, 'the web app is not built; / shows how to build it');

    if (built) {
      await app.register(fastifyStatic, {
        root,
        // Files are looked up at request time, so a rebuilt app's new hashed assets are served
        // without a restart; a missing file goes to the not-found handler (JSON 404 for /assets).
        wildcard: true,
        dotfiles: 'ignore',
        index: false,
        cacheControl: false,
        setHeaders(reply, file) {
          const immutable = file.includes(`${path.sep}assets${path.sep}`);
          void reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    }

    const sendApp = (reply: FastifyReply) => {
      void reply.header('Cache-Control', 'no-cache');
      return built ? reply.sendFile('index.html') : reply.type('text/html; charset=utf-8').send(NOT_BUILT);
    };
    app.get('/', { schema: { hide: true } }, (_request, reply) => sendApp(reply));
    app.decorate('webAppFallback', (request: FastifyRequest, reply: FastifyReply): boolean => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      if (NOT_THE_APP.test(request.url)) return false;
      void sendApp(reply);
      return true;
    });
  },
  { name: 'web-app' },
);

declare module 'fastify' {
  interface FastifyInstance {
    /** Sends the web app for a GET the router did not match; false when the path is not the app's. */
    webAppFallback?: (request: FastifyRequest, reply: FastifyReply) => boolean;
  }
}
