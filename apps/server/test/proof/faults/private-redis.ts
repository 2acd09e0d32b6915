import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closedLoopbackPort } from '../../helpers/ports.ts';

/**
 * A Redis server of the test's own — a child process on its own port, no persistence — that the
 * test may stop and start again on the same port. The machine's shared Redis (6379) is never touched.
 */
export interface PrivateRedis {
  /** redis://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Starts the server (again) on the same port; resolves once it accepts connections. */
  start(): Promise<void>;
  /** SIGTERM (a clean shutdown; with `--save ""` nothing is written); resolves once it has exited. */
  stop(): Promise<void>;
  /** Stops the server if it runs and deletes its folder. */
  remove(): Promise<void>;
}

/** null when redis-server can be run here, else why not (printed by the test that skips). */
export function privateRedisUnavailableReason(): string | null {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return probe.error === undefined && probe.status === 0 ? null : 'redis-server is not installed';
}

export async function createPrivateRedis(): Promise<PrivateRedis> {
  const folder = mkdtempSync(path.join(tmpdir(), 'textai-private-redis-'));
  const port = await closedLoopbackPort();
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  // If the test process dies without its afterAll, the server must not outlive it.
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const redis: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    start() {
      const server = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          'no',
          '--dir',
          folder,
          '--logfile',
          '',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = server;
      exited = new Promise((resolve) => server.once('exit', () => resolve()));
      return new Promise((resolve, reject) => {
        let output = '';
        const settle = (error?: Error) => {
          clearTimeout(timer);
          server.stdout.removeListener('data', onOutput);
          server.removeListener('error', settle);
          server.removeListener('exit', onExit);
          if (error === undefined) return resolve();
          server.kill('SIGKILL');
          reject(new Error(`${error.message}\n${output}`));
        };
        const onOutput = (chunk: string) => {
          output += chunk;
          if (output.includes('Ready to accept connections')) settle();
        };
        const onExit = (code: number | null) =>
          settle(new Error(`redis-server exited (${code}) while starting`));
        const timer = setTimeout(() => settle(new Error('redis-server did not start within 20 s')), 20_000);
        server.stdout.setEncoding('utf8').on('data', onOutput);
        server.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
        server.once('error', settle);
        server.once('exit', onExit);
      });
    },
    async stop() {
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
    async remove() {
      process.removeListener('exit', killOnExit);
      child?.kill('SIGKILL');
      await exited;
      rmSync(folder, { recursive: true, force: true });
    },
  };
  try {
    await redis.start();
  } catch (error) {
    await redis.remove();
    throw error;
  }
  return redis;
}
