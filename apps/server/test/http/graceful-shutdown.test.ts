import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/server.ts';
import { openStorage } from '../../src/storage/index.ts';
import { BrowserClient, createKey } from '../helpers/app.ts';
import { until } from '../helpers/until.ts';

interface Answer {
  status: number;
  body: string;
}

/**
 * Sends a request whose body arrives in two parts, so it is in flight (headers read, body not) for
 * as long as the test likes; `finish` sends the rest.
 */
function requestInTwoParts(url: URL, apiKey: string, body: string) {
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  const request = http.request(url, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': bytes.length, 'x-api-key': apiKey },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
  });
  request.write(bytes.subarray(0, half));
  return { answer, finish: () => request.end(bytes.subarray(half)) };
}

function connectionRefused(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = http.get(new URL('/healthz', url), { agent: false }, (response) => {
      response.resume();
      resolve(false);
    });
    probe.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

function openConnections(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) =>
    server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

describe('graceful shutdown', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'textai-shutdown-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops taking connections, finishes the request in flight, and keeps its history entry', async () => {
    const config = loadConfig({
      APP_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      SECRET_KEY: 'shutdown-test-secret-0123456789abcdef0123',
      BCRYPT_COST: '4',
      // Set, so the first start prints no one-time admin password into the test output.
      ADMIN_PASSWORD: 'a quiet shutdown passphrase',
    });
    const server = await startServer(config);
    const user = new BrowserClient(server.app);
    expect((await user.signup('stays_till_the_end')).statusCode).toBe(201);
    const key = await createKey(user);
    const url = new URL(server.url);

    const inFlight = requestInTwoParts(
      new URL('/api/v1/sentiment', url),
      key,
      JSON.stringify({ text: 'What a lovely, kind gesture.' }),
    );
    // The connection is open and the first half sent: the request is in flight when shutdown begins.
    await until(async () => (await openConnections(server.app.server)) === 1, 'the connection');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = server.close();
    await until(async () => !server.app.server.listening, 'the listener to close');
    expect(await connectionRefused(url)).toBe(true);

    inFlight.finish();
    const answer = await inFlight.answer;
    expect(answer.status, answer.body).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ label: 'POSITIVE' });
    await closed;

    // Its history entry was written before the database closed (history is written behind).
    const storage = openStorage(config.database);
    try {
      const userRow = await storage.users.findByUsername('stays_till_the_end');
      const page = await storage.history.list(userRow?.id ?? '', { limit: 10, offset: 0 });
      expect(page.items.map((e) => ({ tool: e.tool, source: e.source }))).toEqual([
        { tool: 'sentiment', source: 'api' },
      ]);
    } finally {
      await storage.close();
    }
  }, 60_000);
});
