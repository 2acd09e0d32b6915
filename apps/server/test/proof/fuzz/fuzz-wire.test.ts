import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyFor, startServerProcess, type TextaiProcess } from '../../helpers/processes.ts';
import { proofScale, recordFigures } from '../figures.ts';
import { Tally } from './fuzz-checks.ts';
import { invalidUtf8 } from './hostile-values.ts';
import { rawExchange, requestBytes, type RawAnswer } from './raw-http.ts';

/**
 * Issue 8's fuzz over real HTTP, against a `textai serve` child process, for what app.inject
 * cannot show: invalid UTF-8 and true duplicate headers on the wire, bodies over the limit as a
 * client streams them, malformed request lines — and that the PROCESS lives through all of it
 * (it answers /healthz at the end and has not exited).
 */

const ADMIN = { username: 'wire_admin', password: 'a wire fuzzing passphrase 42' };
const PLENTY = '100000000';
const seed = Number(process.env['FUZZ_SEED'] ?? Date.now() % 1_000_000_000);

/** Requests Node's parser or Fastify refuse before any route runs. */
const MALFORMED: readonly { label: string; bytes: Buffer | string }[] = [
  { label: 'not HTTP at all', bytes: 'GARBAGE\r\n\r\n' },
  { label: 'request line without a target', bytes: 'GET\r\n\r\n' },
  { label: 'unknown HTTP version', bytes: 'GET / HTTP/9.9\r\nHost: x\r\n\r\n' },
  { label: 'NUL in the target', bytes: 'GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n' },
  { label: 'space in the target', bytes: 'GET /a b HTTP/1.1\r\nHost: x\r\n\r\n' },
  { label: 'header line without a colon', bytes: 'GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n' },
  { label: 'header over 16 KB', bytes: `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n` },
  {
    label: 'unknown method',
    bytes: 'BREW /api/v1/sentiment HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
  },
  {
    label: 'two different Content-Lengths',
    bytes:
      'POST /api/v1/sentiment HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!',
  },
  {
    label: 'chunked and Content-Length (smuggling)',
    bytes:
      'POST /api/v1/sentiment HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n',
  },
  {
    label: 'bad chunk size',
    bytes:
      'POST /api/v1/sentiment HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n',
  },
  {
    label: 'negative Content-Length',
    bytes: 'POST /api/v1/sentiment HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
  },
  {
    label: 'a TLS hello on the plain port',
    bytes: Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1]),
  },
  {
    label: 'non-ASCII bytes in the target',
    bytes: Buffer.from([...Buffer.from('GET /'), 0xff, 0xfe, ...Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]),
  },
];

describe('fuzz over real HTTP: a textai serve process', { timeout: 10 * 60_000 }, () => {
  let dataDir = '';
  let server: TextaiProcess | undefined;
  let port = 0;
  let baseUrl = '';
  let apiKey = '';
  let targets: string[] = [];
  const tally = new Tally();
  const started = performance.now();

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'textai-fuzz-wire-'));
    const launched = await startServerProcess({
      APP_ENV: 'development',
      DATA_DIR: dataDir,
      SECRET_KEY: 'fuzz-wire-secret-0123456789abcdef0123456789',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      BCRYPT_COST: '4',
      MAX_UPLOAD_MB: '1',
      GUEST_RATE_LIMIT: PLENTY,
      USER_RATE_LIMIT: PLENTY,
      PRO_RATE_LIMIT: PLENTY,
      GUEST_DAILY_ROWS: PLENTY,
      USER_DAILY_ROWS: PLENTY,
      PRO_DAILY_ROWS: PLENTY,
    });
    server = launched.process;
    baseUrl = launched.url;
    port = Number(new URL(baseUrl).port);
    apiKey = await apiKeyFor(baseUrl, ADMIN.username, ADMIN.password);
    const document = (await (await fetch(`${baseUrl}/api/docs/json`)).json()) as {
      paths: Record<string, object>;
    };
    targets = Object.keys(document.paths).map((p) =>
      p.replace('{tool}', 'sentiment').replace(/\{[a-z_]+\}/g, 'x'),
    );
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  const check = (label: string, method: string, answer: RawAnswer) => {
    if (answer.status === undefined) return; // the server closed without answering: allowed, checked by its survival
    const violation = tally.count(label, 'wire', 'raw', {
      status: answer.status,
      contentType: answer.headers['content-type'],
      body: answer.body,
      method,
      requestId: answer.headers['x-request-id'],
      noSniff: answer.headers['x-content-type-options'],
    });
    expect(violation, `${label}: ${answer.raw.slice(0, 300)}`).toBeUndefined();
  };

  it('answers invalid UTF-8 and true duplicate headers on every documented path, by any method, below 500 and in the envelope', async () => {
    const duplicate = fc.constantFrom(
      [] as [string, string][],
      [
        ['Content-Type', 'application/json'],
        ['Content-Type', 'text/plain'],
      ],
      [
        ['X-CSRF-Token', 'a'],
        ['X-CSRF-Token', 'b'],
      ],
      [
        ['Authorization', `Bearer tai_wrong`],
        ['Authorization', 'Bearer tai_other'],
      ],
      [
        ['X-API-Key', 'tai_a'],
        ['X-API-Key', 'tai_b'],
      ],
      [
        ['Cookie', 'tai_session=forged'],
        ['Cookie', 'tai_csrf=forged'],
      ],
      [
        ['X-Request-Id', 'a'],
        ['X-Request-Id', 'b'],
      ],
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.constantFrom('POST', 'GET', 'PATCH', 'DELETE', 'PUT', 'OPTIONS', 'TRACE', 'PROPFIND'),
        invalidUtf8,
        fc.constantFrom('value', 'key', 'bare'),
        fc.boolean(),
        duplicate,
        async (target, method, bytes, where, withKey, duplicates) => {
          const [before, after] =
            where === 'value' ? ['{"text":"ok ', '"}'] : where === 'key' ? ['{"', '":1}'] : ['', ''];
          const body = Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
          const headers: [string, string][] = [
            ...(duplicates.some(([name]) => name === 'Content-Type')
              ? []
              : [['Content-Type', 'application/json'] as [string, string]]),
            ...(withKey ? [['Authorization', `Bearer ${apiKey}`] as [string, string]] : []),
            ...duplicates,
          ];
          check(
            `${method} ${target}`,
            method,
            await rawExchange(port, [requestBytes(method, target, headers, body)]),
          );
        },
      ),
      { numRuns: Math.round(300 * proofScale()), seed },
    );
  });

  it('refuses bodies over the limit with 413 in the envelope, as they stream in', async () => {
    const tooBig = Buffer.alloc(600 * 1024, 'a');
    // Declared up front: refused from the header, before the body arrives.
    const declared = await rawExchange(
      port,
      [
        `POST /api/v1/sentiment HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${100 * 1024 * 1024}\r\n\r\n`,
        tooBig,
      ],
      { paceBytes: 16 * 1024 },
    );
    // Chunked: no length to look at, refused once the running count passes the limit.
    const chunked = await rawExchange(
      port,
      [
        'POST /api/sentiment HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n',
        `${tooBig.length.toString(16)}\r\n`,
        tooBig,
        '\r\n0\r\n\r\n',
      ],
      { paceBytes: 16 * 1024 },
    );
    // A file over MAX_UPLOAD_MB (1 here) in a job upload.
    const boundary = 'wirefuzz';
    const upload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="tool"\r\n\r\nsentiment\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="column"\r\n\r\ntext\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\ntext\n`,
      ),
      Buffer.alloc(2 * 1024 * 1024, 'word '),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const file = await rawExchange(
      port,
      [
        requestBytes(
          'POST',
          '/api/v1/jobs',
          [
            ['Content-Type', `multipart/form-data; boundary=${boundary}`],
            ['Authorization', `Bearer ${apiKey}`],
          ],
          upload,
        ),
      ],
      { paceBytes: 16 * 1024 },
    );
    for (const [label, answer] of [
      ['declared 100 MB', declared],
      ['chunked 600 KB', chunked],
      ['2 MB job file', file],
    ] as const) {
      check(label, 'POST', answer);
      expect(answer.status, `${label}: ${answer.raw.slice(0, 300)}`).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    }
  });

  it.each(MALFORMED)(
    'answers a malformed request ($label) with a 4xx or a closed connection, never a 5xx',
    async ({ label, bytes }) => {
      const answer = await rawExchange(port, [bytes], { waitMs: 5000 });
      check(label, 'GET', answer);
      if (answer.status !== undefined)
        expect(answer.status, answer.raw.slice(0, 300)).toBeGreaterThanOrEqual(400);
    },
  );

  it('is still the same live process at the end: /healthz answers and it has not exited', async () => {
    const health = await fetch(`${baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(server?.child.exitCode).toBeNull();
    expect(server?.child.signalCode).toBeNull();
    const crashLines = server?.lines.filter((line) => /uncaught|unhandled rejection/i.test(line)) ?? [];
    recordFigures('fuzz', [
      { name: 'cases over real HTTP', value: tally.total },
      {
        name: '5xx answers over real HTTP',
        value: tally.serverErrors,
        target: '0',
        ok: tally.serverErrors === 0,
      },
      {
        name: 'errors outside the envelope over real HTTP',
        value: tally.envelopeViolations,
        target: '0',
        ok: tally.envelopeViolations === 0,
      },
      {
        name: 'serve process alive at the end (exit code null, /healthz 200)',
        value: String(server?.child.exitCode === null && health.status === 200),
        target: 'true',
        ok: server?.child.exitCode === null && health.status === 200,
      },
      {
        name: 'uncaught errors in the process log',
        value: crashLines.length,
        target: '0',
        ok: crashLines.length === 0,
      },
      {
        name: 'statuses seen over real HTTP',
        value: [...tally.byStatus]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}×${n}`)
          .join(' '),
      },
      {
        name: 'duration (real HTTP, with start-up)',
        value: `${((performance.now() - started) / 1000).toFixed(1)} s`,
      },
    ]);
    expect(crashLines).toEqual([]);
  });
});
