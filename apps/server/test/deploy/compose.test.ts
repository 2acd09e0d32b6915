import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  commandUnavailableReason,
  DEPLOY_DIR,
  forcedExitAfterMs,
  readDeployFile,
  readYaml,
} from './deploy-files.ts';

interface Service {
  image?: string;
  build?: unknown;
  profiles?: string[];
  command?: string[];
  env_file?: string | string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  restart?: string;
  healthcheck?: { test?: string[]; disable?: boolean };
  stop_grace_period?: string;
  depends_on?: Record<string, { condition: string }>;
}

const compose = readYaml('docker-compose.yml') as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const textaiServices = Object.entries(services).filter(([, s]) => s.build !== undefined);
const appReplicas = textaiServices.filter(([, s]) => s.command === undefined).map(([name]) => name);
const workers = textaiServices.filter(([, s]) => s.command?.[0] === 'worker').map(([name]) => name);

/** Compose durations such as 45s, 1m30s, in milliseconds. */
function durationMs(value: string | undefined): number {
  let total = 0;
  for (const [, amount, unit] of (value ?? '').matchAll(/(\d+)(h|m|s)/g)) {
    total += Number(amount) * { h: 3_600_000, m: 60_000, s: 1000 }[unit as 'h' | 'm' | 's'];
  }
  return total;
}

describe('deploy/docker-compose.yml', () => {
  it('runs one app with a named data volume by default', () => {
    const app = services['app']!;
    expect(app.profiles).toBeUndefined();
    expect(app.env_file).toBe('.env');
    expect(app.restart).toBe('unless-stopped');
    expect(app.volumes).toContain('textai-data:/data');
    expect(Object.keys(compose.volumes)).toContain('textai-data');
    expect(app.ports?.[0]).toMatch(/:8501$/);
    expect(app.healthcheck?.test?.join(' ')).toContain('/readyz');
    // Only the app runs without a profile: `docker compose up` is the one-machine deployment.
    const always = Object.entries(services).filter(([, s]) => s.profiles === undefined);
    expect(always.map(([name]) => name)).toEqual(['app']);
  });

  it('adds two app replicas, two workers, PostgreSQL, Redis and Caddy in the scale profile', () => {
    expect(appReplicas).toEqual(['app', 'app-2']);
    expect(workers).toEqual(['worker-1', 'worker-2']);
    for (const name of ['app-2', ...workers, 'postgres', 'redis', 'caddy'])
      expect(services[name]?.profiles, name).toEqual(['scale']);
    expect(services['postgres']?.image).toBe('postgres:16');
    expect(services['postgres']?.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(services['postgres']?.healthcheck?.test).toContain('pg_isready');
    expect(services['redis']?.image).toBe('redis:7');
    expect(services['caddy']?.image).toBe('caddy:2');
    expect(services['caddy']?.ports).toEqual(expect.arrayContaining(['80:80', '443:443']));
    expect(services['caddy']?.volumes).toContain('./Caddyfile:/etc/caddy/Caddyfile:ro');
  });

  it('has Caddy balance over exactly the app replicas, each checked on /readyz', () => {
    const caddyfile = readDeployFile('Caddyfile');
    const upstreams = /reverse_proxy ([^{]+)\{/.exec(caddyfile)?.[1]?.trim().split(/\s+/);
    expect(upstreams).toEqual(appReplicas.map((name) => `${name}:8501`));
    expect(caddyfile).toMatch(/health_uri \/readyz/);
    expect(caddyfile).toMatch(/^http:\/\/\{\$PUBLIC_HOST\} \{\s+redir https:\/\/\{host\}\{uri\} permanent/m);
    expect(caddyfile).toMatch(/^\{\$PUBLIC_HOST\} \{/m);
    for (const name of appReplicas)
      expect(services['caddy']?.depends_on?.[name]?.condition).toBe('service_healthy');
  });

  it('starts workers after the database and Redis are healthy, without the HTTP readiness check', () => {
    for (const name of workers) {
      const worker = services[name]!;
      expect(worker.depends_on?.['postgres']?.condition).toBe('service_healthy');
      expect(worker.depends_on?.['redis']?.condition).toBe('service_healthy');
      expect(worker.healthcheck?.disable).toBe(true);
    }
  });

  it('gives every process longer to stop than its own graceful shutdown', () => {
    for (const name of appReplicas)
      expect(durationMs(services[name]?.stop_grace_period), name).toBeGreaterThan(
        forcedExitAfterMs('server.ts'),
      );
    for (const name of workers)
      expect(durationMs(services[name]?.stop_grace_period), name).toBeGreaterThan(
        forcedExitAfterMs('worker.ts'),
      );
  });

  it('takes every secret from .env, never from the file itself', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/PASSWORD|SECRET|TOKEN|KEY|DATABASE_URL|REDIS_URL/.test(key))
          expect(value, `${name}.${key}`).toMatch(/^\$\{[A-Z_]+(:-)?\}$/);
      }
    }
    expect(readDeployFile('docker-compose.yml')).not.toMatch(/postgres:\/\/\w+:[^@$<]+@/);
  });
});

/**
 * `docker compose config` validates the file against Compose's own schema, with interpolation and
 * profiles, without a Docker engine. It runs on a copy beside a throwaway .env, so no .env is ever
 * written into the checkout.
 */
describe('docker compose config', () => {
  const composeCommand = (() => {
    if (commandUnavailableReason('docker', ['compose', 'version']) === null) return ['docker', 'compose'];
    if (commandUnavailableReason('docker-compose', ['version']) === null) return ['docker-compose'];
    return undefined;
  })();
  if (composeCommand === undefined)
    console.warn(
      'docker compose config: skipped: neither `docker compose` nor `docker-compose` is available',
    );

  const dir = mkdtempSync(path.join(tmpdir(), 'textai-compose-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const config = (profileArgs: string[]) => {
    mkdirSync(path.join(dir, 'deploy'), { recursive: true });
    for (const file of ['docker-compose.yml', 'Caddyfile'])
      copyFileSync(path.join(DEPLOY_DIR, file), path.join(dir, 'deploy', file));
    writeFileSync(
      path.join(dir, 'deploy', '.env'),
      'SECRET_KEY=compose-config-test-0123456789abcdef0123456789\nPOSTGRES_PASSWORD=compose-config-test\n',
      { mode: 0o600 },
    );
    const [command = '', ...args] = composeCommand!;
    return spawnSync(command, [...args, '-f', 'deploy/docker-compose.yml', ...profileArgs, 'config', '-q'], {
      cwd: dir,
      encoding: 'utf8',
    });
  };

  it.skipIf(composeCommand === undefined)('accepts the one-machine deployment', () => {
    const result = config([]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.skipIf(composeCommand === undefined)('accepts the scale profile', () => {
    const result = config(['--profile', 'scale']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
