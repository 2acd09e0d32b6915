/**
 * Server benchmark: POST /api/v1/sentiment with an API key (rate limiting and history on, limits
 * set high) at 64 connections on loopback, beside a bare Fastify hello-world in the same run; the
 * server's resident memory with all models loaded; and its time from process start to ready.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Row } from './report.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TEXTAI = path.join(ROOT, 'apps/server/bin/textai.js');
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const CONNECTIONS = 64;

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`process exited (${code}) before ready:\n${seen.slice(-2000)}`)),
    );
  });
}

async function waitReady(url: string, started: number, child: ChildProcess): Promise<number> {
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the server exited (${child.exitCode}):\n${output.slice(-2000)}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function load(url: string, headers: Record<string, string>, body: string): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'POST',
    headers,
    body,
    connections: CONNECTIONS,
    duration: SECONDS,
    pipelining: 1,
  });
}

async function apiKey(base: string): Promise<string> {
  const csrf = await fetch(`${base}/api/v1/auth/csrf`);
  const cookie = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const { csrf_token } = (await csrf.json()) as { csrf_token: string };
  const signup = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf_token },
    body: JSON.stringify({
      username: 'loadtester',
      email: 'load@example.org',
      password: 'a benchmark passphrase',
    }),
  });
  const session = (signup.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const token = ((await signup.json()) as { csrf_token: string }).csrf_token;
  const key = await fetch(`${base}/api/v1/keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session, 'x-csrf-token': token },
    body: JSON.stringify({ name: 'bench' }),
  });
  return ((await key.json()) as { key: string }).key;
}

export async function runServerBenchmark(): Promise<Row[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'textai-bench-'));
  const port = 18_600 + Math.floor(Math.random() * 300);
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const server = spawn(process.execPath, [TEXTAI, 'serve'], {
    env: {
      ...process.env,
      APP_ENV: 'development',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      USER_RATE_LIMIT: '100000000',
      ADMIN_PASSWORD: 'a benchmark root passphrase',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const helloPort = port + 1;
  let hello: ChildProcess | undefined;
  try {
    const readyMs = await waitReady(base, started, server);
    // The baseline starts only now, so that its own start-up does not share the cores with the
    // server's and inflate the figure above.
    hello = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/fixtures/hello-fastify.ts')], {
      env: { ...process.env, PORT: String(helloPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await waitForLine(hello, /ready/);
    const pid = server.pid ?? 0;
    const idleRss = rssMb(pid);
    const key = await apiKey(base);
    const body = JSON.stringify({ text: 'The flight was delayed three hours and nobody told us anything.' });
    const headers = { 'content-type': 'application/json', 'x-api-key': key };
    // Warm-up, then the measured runs: the baseline first, then the server.
    await autocannon({
      url: `${base}/api/v1/sentiment`,
      method: 'POST',
      headers,
      body,
      connections: 16,
      duration: 3,
    });
    const baseline = await load(
      `http://127.0.0.1:${helloPort}/hello`,
      { 'content-type': 'application/json' },
      '{}',
    );
    const result = await load(`${base}/api/v1/sentiment`, headers, body);
    const loadedRss = rssMb(pid);
    const errors = result.errors + result.non2xx;
    return [
      {
        name: 'startup to ready (process start → /readyz 200)',
        value: `${(readyMs / 1000).toFixed(2)} s`,
        target: '≤ 2 s',
        ok: readyMs <= 2000,
      },
      {
        name: 'RSS, all models loaded (idle)',
        value: `${idleRss.toFixed(0)} MB`,
        target: '≤ 300 MB',
        ok: idleRss <= 300,
      },
      {
        name: 'RSS after the load run',
        value: `${loadedRss.toFixed(0)} MB`,
        target: '≤ 300 MB',
        ok: loadedRss <= 300,
      },
      {
        name: `POST /api/v1/sentiment, key, ${CONNECTIONS} conn`,
        value: `${Math.round(result.requests.average).toLocaleString('en-US')} req/s`,
        target: '≥ 5,000 req/s',
        ok: result.requests.average >= 5000,
      },
      {
        name: '  latency p50 / p99',
        value: `${result.latency.p50} / ${result.latency.p99} ms`,
        target: 'p99 < 25 ms',
        ok: result.latency.p99 < 25,
      },
      { name: '  errors and non-2xx', value: String(errors), target: '0', ok: errors === 0 },
      {
        name: `bare Fastify hello-world, ${CONNECTIONS} conn (same run)`,
        value: `${Math.round(baseline.requests.average).toLocaleString('en-US')} req/s, p99 ${baseline.latency.p99} ms`,
      },
      {
        name: '  TextAI / hello-world',
        value: `${((result.requests.average / baseline.requests.average) * 100).toFixed(0)} %`,
      },
    ];
  } finally {
    server.kill('SIGTERM');
    hello?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
