import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedLoopbackPort } from '../helpers/ports.ts';
import { makeTempDir, runCli } from './helpers.ts';

/**
 * The start-up failures an operator causes: a clear line naming the setting, exit status 1, the
 * process ending (a pool left open by the failed start must not hold it), no password printed.
 */
describe('textai serve when it cannot start', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let occupied: Server;
  let port: number;

  beforeAll(async () => {
    temp = await makeTempDir();
    occupied = createServer();
    await new Promise<void>((resolve) => occupied.listen(0, '127.0.0.1', resolve));
    const address = occupied.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    port = address.port;
  });
  afterAll(async () => {
    await new Promise((resolve) => occupied.close(resolve));
    await temp.cleanup();
  });

  const serve = (env: Record<string, string>) =>
    runCli(['serve'], '', {
      env: {
        ...process.env,
        APP_ENV: 'test',
        DATA_DIR: temp.dir,
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        ...env,
      },
    });

  it('names the port in use', async () => {
    const run = await serve({ PORT: String(port) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`textai: port ${port} is already in use on 127.0.0.1`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('names an unreachable database without its password', async () => {
    // The occupied port speaks no PostgreSQL; a closed one refuses: take the next free number.
    const closed = await closedLoopbackPort();
    const run = await serve({
      PORT: '0',
      DATABASE_URL: `postgres://someone:hunter2secret@127.0.0.1:${closed}/textai`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `textai: cannot reach the database 127.0.0.1:${closed}/textai (ECONNREFUSED)`,
    );
    expect(run.stderr).not.toContain('hunter2secret');
  }, 120_000);
});
