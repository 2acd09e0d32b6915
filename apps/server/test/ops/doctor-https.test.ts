import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDoctorContext } from '../../src/services/doctor/context.ts';
import { httpsChecks } from '../../src/services/doctor/https-checks.ts';
import { runChecks } from '../../src/services/doctor/runner.ts';
import { makeTempDir } from '../cli/helpers.ts';

const opensslInstalled = spawnSync('openssl', ['version']).status === 0;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function checks(publicUrl: string, production: boolean, cwd: string) {
  const context = buildDoctorContext({ env: { PUBLIC_URL: publicUrl }, cwd, production });
  const items = await runChecks(httpsChecks, context);
  return Object.fromEntries(items.map((item) => [item.id, item]));
}

describe('doctor: HTTPS checks', () => {
  let folder: Awaited<ReturnType<typeof makeTempDir>>;
  const servers: Server[] = [];
  beforeAll(async () => {
    folder = await makeTempDir();
  });
  afterAll(async () => {
    for (const server of servers) server.close();
    await folder.cleanup();
  });

  it('reaches a plain-HTTP PUBLIC_URL in development, and refuses it under production rules', async () => {
    const server = createHttpServer((_request, response) => response.end('ok'));
    servers.push(server);
    const url = `http://127.0.0.1:${await listen(server)}`;

    const development = await checks(url, false, folder.dir);
    expect(development['https']?.status).toBe('pass');
    expect(development['https']?.detail).toMatch(/answered 200/);
    expect(development['http-redirect']?.status).toBe('warn');

    const production = await checks(url, true, folder.dir);
    expect(production['https']?.status).toBe('fail');
    expect(production['https']?.detail).toMatch(/not https/);
    expect(production['http-redirect']?.status).toBe('fail');
  });

  it.skipIf(!opensslInstalled)('fails an HTTPS address whose certificate is not trusted', async () => {
    const key = join(folder.dir, 'key.pem');
    const cert = join(folder.dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const server = createHttpsServer(
      { key: readFileSync(key), cert: readFileSync(cert) },
      (_request, response) => response.end('ok'),
    );
    servers.push(server);
    const url = `https://127.0.0.1:${await listen(server)}`;

    const result = await checks(url, true, folder.dir);
    expect(result['https']?.status).toBe('fail');
    expect(result['https']?.detail).toMatch(/SELF_SIGNED|self-signed/i);
    expect(result['https']?.fix).toMatch(/valid certificate/);
  });

  it('has nothing to check without PUBLIC_URL, a warning under production rules', async () => {
    const context = buildDoctorContext({ env: {}, cwd: folder.dir, production: true });
    const items = await runChecks(httpsChecks, context);
    expect(items.map((i) => i.status)).toEqual(['warn', 'warn']);
  });
});
