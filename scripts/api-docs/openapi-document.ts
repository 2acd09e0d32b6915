import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { MemoryCounterStore } from '../../apps/server/src/services/limits/counter-store.ts';
import { ToolService } from '../../apps/server/src/services/tools/tool-service.ts';
import { openStorage } from '../../apps/server/src/storage/index.ts';
import type { OpenApiDocument } from './openapi-types.ts';

/**
 * The OpenAPI document exactly as the server serves it at /api/docs/json: the real app, built in
 * this process on an in-memory database, never listening. The settings are fixed (not read from
 * the environment or .env), so the document, and the reference made from it, is the same on
 * every machine. The models are not loaded: the document does not depend on them.
 */
export async function loadOpenApiDocument(): Promise<OpenApiDocument> {
  const config = loadConfig({
    APP_ENV: 'test',
    DATABASE_URL: 'sqlite::memory:',
    SECRET_KEY: 'api-docs-generator-0123456789abcdef0123456789',
  });
  const storage = openStorage(config.database);
  await storage.migrate();
  const counters = new MemoryCounterStore();
  const app = await buildApp({
    config,
    storage,
    tools: new ToolService(config.limits.maxTextChars),
    counters,
  });
  try {
    await app.ready();
    // A deep copy: the renderer must not share objects with the app it outlives.
    return JSON.parse(JSON.stringify(app.swagger())) as OpenApiDocument;
  } finally {
    await app.close();
    await counters.close();
    await storage.close();
  }
}
