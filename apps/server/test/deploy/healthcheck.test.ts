import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dockerfileStages, execForm } from './dockerfile.ts';

/** Runs the image's HEALTHCHECK command as Docker would (a child process), with PORT set. */
function runHealthcheck(port: number): Promise<number | null> {
  const healthcheck = dockerfileStages()
    .at(-1)!
    .instructions.find((i) => i.keyword === 'HEALTHCHECK')!;
  const [command = '', ...args] = execForm(healthcheck.args);
  expect(command).toBe('node');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env['PATH'] ?? '', PORT: String(port) },
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
}

/** A loopback port nobody listens on (it was free a moment ago). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The container's health is what the orchestrator acts on (restarts, Caddy's routing, compose's
 * depends_on), so the check command itself runs here against a real server on loopback.
 */
describe("the image's readiness check", () => {
  let t: TestApp;
  let port = 0;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as { port: number }).port;
  }, 60_000);
  afterAll(() => t.close());

  it('passes while the server is ready', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect(await runHealthcheck(port)).toBe(0);
  });

  it('fails when nothing answers on the port', async () => {
    expect(await runHealthcheck(await closedPort())).toBe(1);
  });

  it('fails when the server answers but is not ready (database unreachable)', async () => {
    await t.storage.close();
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(503);
    expect(await runHealthcheck(port)).toBe(1);
  });
});
