import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandUnavailableReason, DEPLOY_DIR } from './deploy-files.ts';

interface Route {
  match?: { host?: string[]; path?: string[] }[];
  handle?: Handler[];
}
interface Handler {
  handler: string;
  routes?: Route[];
  status_code?: number;
  headers?: Record<string, string[]>;
  upstreams?: { dial: string }[];
  health_checks?: { active?: { uri?: string } };
  flush_interval?: number;
}
interface CaddyConfig {
  apps: { http: { servers: Record<string, { listen: string[]; routes: Route[] }> } };
}

/** Every handler of a route tree, subroutes included. */
function handlers(routes: Route[]): Handler[] {
  return routes.flatMap((route) =>
    (route.handle ?? []).flatMap((handler) => [handler, ...handlers(handler.routes ?? [])]),
  );
}

/** Every route of a route tree with the handlers directly under it, subroutes included. */
function routesOf(routes: Route[]): Route[] {
  return routes.flatMap((route) => [
    route,
    ...(route.handle ?? []).flatMap((handler) => routesOf(handler.routes ?? [])),
  ]);
}

const caddyReason = commandUnavailableReason('caddy', ['version']);
if (caddyReason !== null) console.warn(`Caddyfile: skipped: ${caddyReason}`);

/**
 * Caddy's own reading of deploy/Caddyfile (`caddy adapt`, which needs no network and no ports):
 * what it will actually do with PUBLIC_HOST set, rather than what the file looks like it says.
 */
describe.skipIf(caddyReason !== null)('deploy/Caddyfile as Caddy reads it', () => {
  const adapt = () => {
    const result = spawnSync(
      'caddy',
      ['adapt', '--config', path.join(DEPLOY_DIR, 'Caddyfile'), '--adapter', 'caddyfile'],
      { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', PUBLIC_HOST: 'textai.example.org' } },
    );
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as CaddyConfig;
  };
  let adapted: CaddyConfig | undefined;
  const on = (port: string) =>
    Object.values((adapted ??= adapt()).apps.http.servers).find((server) => server.listen.includes(port))!;

  it('redirects plain HTTP to HTTPS for PUBLIC_HOST', () => {
    const http = on(':80');
    expect(http.routes[0]?.match?.[0]?.host).toEqual(['textai.example.org']);
    const redirect = handlers(http.routes).find((h) => h.handler === 'static_response');
    expect(redirect?.status_code).toBe(301);
    expect(redirect?.headers?.['Location']).toEqual(['https://{http.request.host}{http.request.uri}']);
  });

  it('serves HTTPS for PUBLIC_HOST (automatic certificates) through both replicas, checked on /readyz', () => {
    const https = on(':443');
    expect(https.routes[0]?.match?.[0]?.host).toEqual(['textai.example.org']);
    const proxy = handlers(https.routes).find((h) => h.handler === 'reverse_proxy');
    expect(proxy?.upstreams?.map((u) => u.dial)).toEqual(['app:8501', 'app-2:8501']);
    expect(proxy?.health_checks?.active?.uri).toBe('/readyz');
    expect(proxy?.flush_interval).toBe(-1); // job progress events are not held back
  });

  it('answers /metrics from outside with 404', () => {
    const metrics = routesOf(on(':443').routes).find((route) =>
      route.match?.some((m) => m.path?.includes('/metrics*')),
    );
    expect(handlers([metrics!]).find((h) => h.handler === 'static_response')?.status_code).toBe(404);
    expect(handlers([metrics!]).some((h) => h.handler === 'reverse_proxy')).toBe(false);
  });
});
