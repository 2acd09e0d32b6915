import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { systemClock } from '../../src/services/clock.ts';
import { createJobRunner } from '../../src/services/container.ts';
import { openStorage, type OpenedStorage } from '../../src/storage/index.ts';
import { startTextai } from '../helpers/processes.ts';

/**
 * Job threads are sized to the machine's cores unless WORKER_CONCURRENCY says otherwise: a server
 * keeps one core for its requests, a `textai worker` uses them all.
 */
describe('job thread pool size', { timeout: 120_000 }, () => {
  let dataDir = '';
  let storage: OpenedStorage;
  const env = () => ({
    APP_ENV: 'test',
    SECRET_KEY: 'pool-size-secret-0123456789abcdef0123456789',
    DATA_DIR: dataDir,
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'textai-pool-'));
    storage = openStorage(loadConfig(env()).database);
    await storage.migrate();
  });
  afterAll(async () => {
    await storage.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('gives a server one thread per core but one, or WORKER_CONCURRENCY', async () => {
    const byDefault = createJobRunner(loadConfig(env()), storage, systemClock);
    expect(byDefault.executor.size).toBe(Math.max(1, availableParallelism() - 1));
    await byDefault.executor.close();
    const set = createJobRunner(loadConfig({ ...env(), WORKER_CONCURRENCY: '3' }), storage, systemClock);
    expect(set.executor.size).toBe(3);
    await set.executor.close();
  });

  it('gives a textai worker one thread per core', async () => {
    const worker = startTextai(['worker'], { ...env(), LOG_LEVEL: 'info' });
    try {
      const ready = JSON.parse(await worker.waitFor(/TextAI worker is ready/, 90_000)) as { threads: number };
      expect(ready.threads).toBe(availableParallelism());
    } finally {
      worker.child.kill('SIGTERM');
    }
    expect((await worker.exited).code).toBe(0);
  });
});
