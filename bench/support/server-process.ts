/**
 * Child processes for the benchmarks and the proof suite: a real `textai serve` with a fresh
 * DATA_DIR on a free loopback port (ready once /readyz answers 200), and the bare Fastify
 * hello-world baseline. Both are stopped with SIGTERM and awaited, and the data folder removed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { usableBundle } from '../../apps/server/bin/bundle.js';
import { closedLoopbackPort } from '../../apps/server/test/helpers/ports.ts';
import { buildServer } from '../../scripts/build-server.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TEXTAI = path.join(ROOT, 'apps/server/bin/textai.js');
const HELLO = path.join(ROOT, 'bench/fixtures/hello-fastify.ts');
/** The administrator's password in every benchmark server (never a real deployment's). */
export const BENCH_ADMIN_PASSWORD = 'a benchmark root passphrase';

export interface ChildServer {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

export interface TextaiServer extends ChildServer {
  /** Process start to the first /readyz 200, in milliseconds. */
  readyMs: number;
  /** The last stdout and stderr output (warnings, errors), for reports on failure. */
  output(): string;
}

function keepTail(child: ChildProcess): () => string {
  let tail = '';
  const onData = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return () => tail;
}

function stopper(child: ChildProcess, cleanUp: () => void = () => undefined): () => Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return async () => {
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
    cleanUp();
  };
}

/**
 * `textai serve` (bundled, as installed) with warnings-only logs (no per-request log line, as a
 * production server would be configured), a fresh DATA_DIR and `env` on top; resolves once ready.
 */
export async function startTextaiServer(env: Record<string, string> = {}): Promise<TextaiServer> {
  // What `npm install` leaves: the server bundled from the current sources (bin/bundle.js runs
  // the sources through tsx otherwise, which is a different start-up and memory figure).
  if (usableBundle(undefined) === undefined) await buildServer();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'textai-bench-'));
  const port = await closedLoopbackPort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  // A database or Redis named in the caller's environment is never the benchmark's: it gets its
  // own SQLite file in the fresh DATA_DIR unless `env` says otherwise.
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...inherited } = process.env;
  const child = spawn(process.execPath, [TEXTAI, 'serve'], {
    cwd: ROOT,
    env: {
      ...inherited,
      APP_ENV: 'development',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = keepTail(child);
  const stop = stopper(child, () => rmSync(dataDir, { recursive: true, force: true }));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output()}`);
      const ready = await fetch(`${base}/readyz`).then(
        (response) => response.status === 200,
        () => false, // not listening yet
      );
      if (ready) break;
      if (performance.now() - started > 120_000) throw new Error(`not ready in 120 s:\n${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, pid: child.pid ?? 0, readyMs: performance.now() - started, output, stop };
}

/** The baseline: a bare Fastify hello-world (POST /hello), no plugins. */
export async function startHelloFastify(): Promise<ChildServer> {
  const port = await closedLoopbackPort();
  const child = spawn(process.execPath, ['--import', 'tsx', HELLO], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = keepTail(child);
  const stop = stopper(child);
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (output().includes('ready')) {
        clearInterval(poll);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(poll);
        reject(new Error(`hello-world exited (${child.exitCode}):\n${output()}`));
      }
    }, 20);
  });
  return { base: `http://127.0.0.1:${port}`, pid: child.pid ?? 0, stop };
}
