/**
 * Batch-job benchmark, with real processes over loopback HTTP: a 50,000-row CSV of tweet-length
 * texts through POST /api/v1/jobs for sentiment (upload, processing and download timed apart), the
 * server's memory growth while it runs (cold and warm), the in-process CLI on the same file, the
 * same file through BullMQ and two `textai worker` processes on PostgreSQL, and 2,000 news articles
 * summarised through the API. Every input is generated here, into a temporary folder. Never fails
 * on speed: figures are printed beside their targets.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { usableBundle } from '../apps/server/bin/bundle.js';
import {
  apiKeyFor,
  startServerProcess,
  startTextai,
  type TextaiProcess,
} from '../apps/server/test/helpers/processes.ts';
import { buildServer } from '../scripts/build-server.mjs';
import type { Row } from './report.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TEXTAI = path.join(ROOT, 'apps/server/bin/textai.js');

const TWEET_ROWS = 50_000;
const ARTICLES = 2_000;
/** The server's default (WORKER_CONCURRENCY=0): one thread per core less the request thread's. */
const THREADS = Math.max(1, availableParallelism() - 1);
const BULLMQ_WORKERS = 2;
/**
 * Sentiment jobs are cut into chunks of 1,000 rows (CHUNK_ROWS in job-service.ts) and each chunk
 * takes one worker thread, so the warm-up needs one chunk per thread to start every thread (the
 * server's, or one per worker process): with fewer rows the 50k job would start the remaining
 * threads itself, and its "warm" time and memory would include their model loading.
 */
const SENTIMENT_CHUNK_ROWS = 1_000;
const WARMUP_ROWS = Math.max(THREADS, BULLMQ_WORKERS) * SENTIMENT_CHUNK_ROWS;
/** What the replaced system claimed for sentiment. */
const OLD_SYSTEM_ROWS_PER_SECOND = 50;

const ADMIN = { username: 'benchadmin', password: 'a long passphrase for the jobs bench 42' };
const POSTGRES_ADMIN_URL = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Settings every server and worker of this bench shares: limits raised so a 50k-row, 8 MB file fits. */
function baseEnv(dataDir: string): Record<string, string> {
  return {
    APP_ENV: 'development',
    DATA_DIR: dataDir,
    SECRET_KEY: 'jobs-bench-secret-0123456789abcdef0123456789',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    // Only the bench's one login hashes a password; the default cost would just add a second.
    BCRYPT_COST: '4',
    MAX_UPLOAD_MB: '64',
    MAX_JOB_ROWS: '1000000',
    USER_DAILY_ROWS: '100000000',
    USER_RATE_LIMIT: '100000000',
    // info: the "ready" lines the process helpers wait for are logged at info.
    LOG_LEVEL: 'info',
  };
}

// --- Synthetic inputs ------------------------------------------------------------------------------

/** A small seeded generator (mulberry32), so every run benchmarks the same files. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

const OPENERS = [
  'Honestly,',
  'Wow,',
  'Ugh,',
  'So',
  'Well,',
  'Okay,',
  'Finally,',
  'Just saying:',
  'Update:',
  'PSA:',
];
const THINGS = [
  'the new phone',
  'my flight to Denver',
  'the hotel breakfast',
  'this coffee shop',
  'the delivery driver',
  'the support team',
  'the latest update',
  'our train this morning',
  'the concert last night',
  'the pizza place downtown',
  'my landlord',
  'the gym near work',
];
const VERDICTS = [
  'was absolutely wonderful',
  'was a complete disaster',
  'was fine, nothing special',
  'made my whole week',
  'ruined the entire afternoon',
  'exceeded every expectation',
  'was slow and the staff were rude',
  'was cheaper than expected and really good',
  'kept crashing for no reason',
  'was exactly what I needed',
  'left me waiting for two hours',
  'was surprisingly decent',
];
const DETAILS = [
  'and I would go back tomorrow',
  'and nobody answered the phone',
  'but the price was fair',
  'although the line was long',
  'and the view was stunning',
  'so I asked for a refund',
  'which nobody seems to care about',
  'and the kids loved it',
  'but I expected more for the money',
  'and the music was great',
];
const TAGS = ['#travel', '#fail', '#happy', '#mondays', '#foodie', '#customerservice', '#tech', '#weekend'];
const FILLERS = [
  'Seriously.',
  'Ten out of ten.',
  'Never again.',
  'Would recommend.',
  'Thoughts?',
  'Not impressed.',
  'Still smiling.',
  'What a day.',
];

/**
 * One tweet-length text of 140 to 170 bytes (ASCII, no quotes), varied from row to row. Filled to
 * at least 150 so that 50,000 rows come to about 8 MB.
 */
function tweet(random: () => number, n: number): string {
  let text = `${pick(random, OPENERS)} ${pick(random, THINGS)} ${pick(random, VERDICTS)} ${pick(random, DETAILS)}.`;
  text += ` Day ${1 + (n % 365)}, order ${10_000 + Math.floor(random() * 90_000)}. ${pick(random, TAGS)}`;
  while (text.length < 150) text += ` ${pick(random, FILLERS)}`;
  if (text.length > 170) text = text.slice(0, text.lastIndexOf(' ', 170));
  return text.length >= 140 ? text : `${text} ${'!'.repeat(140 - text.length - 1)}`;
}

const NEWS_SUBJECTS = [
  'The city council',
  'A regional hospital',
  'The transport authority',
  'Local farmers',
  'The university',
  'A group of residents',
  'The finance ministry',
  'Engineers at the port',
  'The school board',
  'A national charity',
  'Police officials',
  'The energy regulator',
];
const NEWS_VERBS = [
  'approved',
  'announced',
  'questioned',
  'postponed',
  'welcomed',
  'reviewed',
  'criticised',
  'published',
  'rejected',
  'defended',
];
const NEWS_OBJECTS = [
  'a plan to rebuild the old bridge',
  'the budget for the coming year',
  'a proposal for more night buses',
  'the opening of a public library',
  'new rules for street parking',
  'a study of the river water quality',
  'a report on rising rents',
  'the results of a two-year trial',
  'an agreement with neighbouring towns',
  'a scheme to insulate older homes',
  'the closure of a maternity ward',
  'plans for a new solar farm',
];
const NEWS_CLAUSES = [
  'after a long and heated debate',
  'despite objections from several members',
  'citing costs that rose faster than planned',
  'in a short statement on Monday',
  'following months of public consultation',
  'while warning that delays were likely',
  'to the surprise of many observers',
  'after pressure from local businesses',
  'as inflation continued to squeeze households',
  'saying that more details would follow next month',
];

function newsSentence(random: () => number): string {
  const figure = `${Math.floor(random() * 900) + 10}`;
  const shapes = [
    () =>
      `${pick(random, NEWS_SUBJECTS)} ${pick(random, NEWS_VERBS)} ${pick(random, NEWS_OBJECTS)} ${pick(random, NEWS_CLAUSES)}.`,
    () =>
      `According to ${pick(random, NEWS_SUBJECTS).toLowerCase()}, about ${figure} people will be affected by ${pick(random, NEWS_OBJECTS)}.`,
    () =>
      `Critics said ${pick(random, NEWS_OBJECTS)} would cost ${figure} million, ${pick(random, NEWS_CLAUSES)}.`,
    () =>
      `${pick(random, NEWS_SUBJECTS)} has not said when ${pick(random, NEWS_OBJECTS)} will be ${pick(random, NEWS_VERBS)} again.`,
  ];
  return pick(random, shapes)();
}

function wordCount(text: string): number {
  return text.split(' ').length;
}

/** A news-like article of 400 to 500 words (a sentence has at most ~22, so stopping past 475 keeps it under 500). */
function article(random: () => number): string {
  const target = 400 + Math.floor(random() * 75);
  const sentences: string[] = [];
  let words = 0;
  while (words < target) {
    const sentence = newsSentence(random);
    sentences.push(sentence);
    words += wordCount(sentence);
  }
  return sentences.join(' ');
}

/** Writes an `id,text` CSV of `rows` texts from `make`; returns its path. */
function writeCsv(file: string, rows: number, make: (random: () => number, n: number) => string): string {
  const random = seededRandom(rows);
  const lines = ['id,text'];
  for (let n = 1; n <= rows; n++) lines.push(`${n},"${make(random, n).replaceAll('"', '""')}"`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

// --- Measuring --------------------------------------------------------------------------------------

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Samples a process's resident memory every 50 ms; `peak` is the highest seen since it was created. */
class RssSampler {
  readonly before: number;
  peak: number;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.before = rssMb(pid);
    this.peak = this.before;
    this.timer = setInterval(() => this.sample(), 50);
  }

  /** Growth of the peak over the RSS just before the run, in MB. */
  get growthMb(): number {
    return this.peak - this.before;
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  private sample(): void {
    try {
      this.peak = Math.max(this.peak, rssMb(this.pid));
    } catch {
      // The process is gone; the bench will fail on its next request.
    }
  }
}

interface JobJson {
  id: string;
  status: string;
  total_rows: number | null;
  rows_done: number;
  rows_failed: number;
  error: string | null;
}

/** One file through the jobs API, each phase timed apart. */
interface JobRun {
  rows: number;
  uploadMs: number;
  processMs: number;
  downloadMs: number;
  totalMs: number;
  downloadBytes: number;
}

async function uploadJob(base: string, key: string, file: string, tool: string): Promise<JobJson> {
  const form = new FormData();
  form.append('tool', tool);
  form.append('column', 'text');
  form.append('file', new Blob([readFileSync(file)], { type: 'text/csv' }), path.basename(file));
  const response = await fetch(`${base}/api/v1/jobs`, {
    method: 'POST',
    body: form,
    headers: { 'x-api-key': key },
  });
  if (response.status !== 202) throw new Error(`upload: ${response.status} ${await response.text()}`);
  return (await response.json()) as JobJson;
}

/**
 * Polls GET /jobs/:id every 50 ms until the job ends. Not the SSE stream: it looks at the job every
 * 500 ms, which would round every processing time up by as much.
 */
async function waitForJob(base: string, key: string, id: string): Promise<JobJson> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const response = await fetch(`${base}/api/v1/jobs/${id}`, { headers: { 'x-api-key': key } });
    const job = (await response.json()) as JobJson;
    if (job.status !== 'queued' && job.status !== 'running') return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} after 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Downloads the CSV results; returns their size after checking there is one line per row. */
async function downloadCsv(base: string, key: string, id: string, rows: number): Promise<number> {
  const response = await fetch(`${base}/api/v1/jobs/${id}/result?format=csv`, {
    headers: { 'x-api-key': key },
  });
  if (response.status !== 200) throw new Error(`download: ${response.status} ${await response.text()}`);
  const body = Buffer.from(await response.arrayBuffer());
  // indexOf, not a loop over every byte: that took 50–160 ms of the timed download for 13 MB.
  let lines = 0;
  for (let at = body.indexOf(10); at !== -1; at = body.indexOf(10, at + 1)) lines++;
  if (lines !== rows + 1) throw new Error(`download: ${lines} lines for ${rows} rows and a header`);
  return body.length;
}

async function runJob(base: string, key: string, file: string, tool: string): Promise<JobRun> {
  const started = performance.now();
  const queued = await uploadJob(base, key, file, tool);
  const accepted = performance.now();
  const job = await waitForJob(base, key, queued.id);
  const finished = performance.now();
  if (job.status !== 'done' || job.rows_failed > 0) {
    throw new Error(`${tool} job ended ${job.status}, ${job.rows_failed} rows failed: ${job.error ?? ''}`);
  }
  const rows = job.total_rows ?? job.rows_done;
  const downloadBytes = await downloadCsv(base, key, job.id, rows);
  const downloaded = performance.now();
  return {
    rows,
    uploadMs: accepted - started,
    processMs: finished - accepted,
    downloadMs: downloaded - finished,
    totalMs: downloaded - started,
    downloadBytes,
  };
}

/** Runs a job while sampling the server's RSS; returns the run and the peak growth in MB. */
async function runJobSampled(
  server: TextaiProcess,
  base: string,
  key: string,
  file: string,
): Promise<{ run: JobRun; growthMb: number }> {
  const sampler = new RssSampler(server.child.pid ?? 0);
  const run = await runJob(base, key, file, 'sentiment').finally(() => sampler.stop());
  return { run, growthMb: sampler.growthMb };
}

/** `textai analyze` on the file in a child process; resolves with the wall time in ms. */
function runCli(input: string, output: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [TEXTAI, 'analyze', 'sentiment', '--input', input, '--output', output],
      {
        cwd: ROOT,
        env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', TZ: 'UTC' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`textai analyze exited ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

/** SIGTERM (a server finishes its chunks in hand), then SIGKILL if it is still there after 10 s. */
async function stop(processes: readonly TextaiProcess[]): Promise<void> {
  await Promise.all(
    processes.map(async (p) => {
      if (p.child.exitCode !== null || p.child.signalCode !== null) return;
      p.child.kill('SIGTERM');
      const timeout = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), 10_000).unref(),
      );
      if ((await Promise.race([p.exited, timeout])) === 'timeout') p.child.kill('SIGKILL');
    }),
  );
}

// --- Formatting ---------------------------------------------------------------------------------------

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000);
const thousands = (n: number) => n.toLocaleString('en-US');

function jobRows(label: string, run: JobRun): Row[] {
  return [
    {
      name: `${label}: end to end (upload → done → CSV downloaded)`,
      value: seconds(run.totalMs),
      target: '≤ 5 s',
      ok: run.totalMs <= 5000,
    },
    { name: '  upload (request sent → 202; server parses and stores rows)', value: seconds(run.uploadMs) },
    { name: '  processing (202 → status done, polled every 50 ms)', value: seconds(run.processMs) },
    {
      name: '  download (CSV results)',
      value: `${seconds(run.downloadMs)}, ${(run.downloadBytes / 1e6).toFixed(1)} MB`,
    },
    {
      name: '  rows/s end to end (processing alone)',
      value: `${thousands(perSecond(run.rows, run.totalMs))} (${thousands(perSecond(run.rows, run.processMs))})`,
    },
  ];
}

// --- The parts ----------------------------------------------------------------------------------------

/**
 * The 50,000-row job as the first work of a fresh server: its growth includes starting the job
 * threads and loading their models, which the warm figure leaves out.
 */
async function coldBigJob(tweets: string, tmp: string): Promise<Row[]> {
  const dataDir = mkdtempSync(path.join(tmp, 'data-'));
  const { process: server, url } = await startServerProcess(baseEnv(dataDir));
  try {
    const key = await apiKeyFor(url, ADMIN.username, ADMIN.password);
    const cold = await runJobSampled(server, url, key, tweets);
    return [
      {
        name: `RSS growth, cold: the same ${thousands(cold.run.rows)}-row job first on a fresh server`,
        value: `${cold.growthMb.toFixed(0)} MB (end to end ${seconds(cold.run.totalMs)})`,
        target: '≤ 100 MB',
        ok: cold.growthMb <= 100,
      },
    ];
  } finally {
    await stop([server]);
  }
}

/**
 * The in-process server path (SQLite, the server's own worker threads). WORKER_CONCURRENCY is left
 * at its default (one thread per core less one), as a deployment would run it.
 */
async function inProcessServer(
  tweets: string,
  warmup: string,
  articles: string,
  tmp: string,
): Promise<Row[]> {
  const dataDir = mkdtempSync(path.join(tmp, 'data-'));
  const { process: server, url } = await startServerProcess(baseEnv(dataDir));
  try {
    const key = await apiKeyFor(url, ADMIN.username, ADMIN.password);
    // Cold: the threads start on this job's first chunks and load their models.
    const cold = await runJobSampled(server, url, key, warmup);
    const warm = await runJobSampled(server, url, key, tweets);
    const news = await runJob(url, key, articles, 'summarize');
    const rowsPerSecond = perSecond(warm.run.rows, warm.run.totalMs);
    return [
      ...jobRows(
        `sentiment, ${thousands(warm.run.rows)} rows (${THREADS} thread${THREADS === 1 ? '' : 's'}, warm)`,
        warm.run,
      ),
      {
        name: `RSS growth, warm: that job (peak − RSS before upload)`,
        value: `${warm.growthMb.toFixed(0)} MB`,
        target: '≤ 100 MB',
        ok: warm.growthMb <= 100,
      },
      {
        name: `RSS growth, cold: ${thousands(cold.run.rows)}-row warm-up job (${THREADS} thread${THREADS === 1 ? '' : 's'} start)`,
        value: `${cold.growthMb.toFixed(0)} MB`,
        target: '≤ 100 MB',
        ok: cold.growthMb <= 100,
      },
      { name: `  warm-up job end to end`, value: seconds(cold.run.totalMs) },
      {
        name: `vs the replaced system's ${OLD_SYSTEM_ROWS_PER_SECOND} rows/s (end to end)`,
        value: `${thousands(Math.round(rowsPerSecond / OLD_SYSTEM_ROWS_PER_SECOND))}×`,
      },
      {
        name: `summarize, ${thousands(news.rows)} articles of 400–500 words, end to end`,
        value: `${seconds(news.totalMs)}, ${thousands(perSecond(news.rows, news.totalMs))} articles/s`,
      },
      {
        name: '  upload / processing / download',
        value: `${seconds(news.uploadMs)} / ${seconds(news.processMs)} / ${seconds(news.downloadMs)}`,
      },
    ];
  } finally {
    await stop([server]);
  }
}

async function cliRow(tweets: string, tmp: string): Promise<Row[]> {
  const ms = await runCli(tweets, path.join(tmp, 'cli-out.csv'));
  return [
    {
      name: `CLI analyze sentiment, same file (one process, incl. startup)`,
      value: `${seconds(ms)}, ${thousands(perSecond(TWEET_ROWS, ms))} rows/s`,
    },
  ];
}

/** Why PostgreSQL or Redis cannot be used, or null when both answer. */
async function scaleOutUnavailable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    return `PostgreSQL at ${POSTGRES_ADMIN_URL}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1500,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (error) {
    return `Redis at ${REDIS_URL}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    redis.disconnect();
  }
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}

/**
 * The scale-out path: the server queues the job through BullMQ and runs nothing itself; two
 * `textai worker` processes (one thread each) share its chunks through a fresh PostgreSQL database.
 */
async function scaleOut(tweets: string, warmup: string, tmp: string): Promise<Row[]> {
  const name = `${BULLMQ_WORKERS} BullMQ workers (1 thread each), PostgreSQL, same ${thousands(TWEET_ROWS)} rows`;
  const unavailable = await scaleOutUnavailable();
  if (unavailable !== null) return [{ name, value: `skipped: ${unavailable}` }];

  const database = `textai_bench_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const prefix = `textai-bench-${process.pid}-${Date.now().toString(36)}`;
  const databaseUrl = new URL(POSTGRES_ADMIN_URL);
  databaseUrl.pathname = `/${database}`;
  const env = {
    ...baseEnv(mkdtempSync(path.join(tmp, 'data-'))),
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL,
    REDIS_PREFIX: prefix,
  };
  const running: TextaiProcess[] = [];
  await adminQuery(`create database ${database}`);
  try {
    // The server first: it migrates the new database before the workers open it.
    const { process: server, url } = await startServerProcess(env);
    running.push(server);
    for (let i = 0; i < BULLMQ_WORKERS; i++) {
      running.push(startTextai(['worker'], { ...env, WORKER_CONCURRENCY: '1' }));
    }
    await Promise.all(running.slice(1).map((w) => w.waitFor(/TextAI worker is ready/, 90_000)));
    const key = await apiKeyFor(url, ADMIN.username, ADMIN.password);
    // Warm-up: each worker's thread starts and loads its models on its first chunk.
    await runJob(url, key, warmup, 'sentiment');
    const run = await runJob(url, key, tweets, 'sentiment');
    return [
      {
        name: `${name}, end to end (warm)`,
        value: `${seconds(run.totalMs)}, ${thousands(perSecond(run.rows, run.totalMs))} rows/s`,
        target: '≤ 5 s',
        ok: run.totalMs <= 5000,
      },
      {
        name: '  upload / processing / download',
        value: `${seconds(run.uploadMs)} / ${seconds(run.processMs)} / ${seconds(run.downloadMs)}`,
      },
    ];
  } finally {
    await stop(running);
    await adminQuery(`drop database if exists ${database} with (force)`);
    await deleteRedisKeys(prefix);
  }
}

export async function runJobsBenchmark(): Promise<Row[]> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'textai-bench-jobs-'));
  try {
    const tweets = writeCsv(path.join(tmp, 'tweets.csv'), TWEET_ROWS, tweet);
    const warmup = writeCsv(path.join(tmp, 'warmup.csv'), WARMUP_ROWS, tweet);
    const articles = writeCsv(path.join(tmp, 'articles.csv'), ARTICLES, article);
    const input: Row = {
      name: 'input: synthetic tweets CSV',
      value: `${thousands(TWEET_ROWS)} rows, ${(statSync(tweets).size / 1e6).toFixed(1)} MB`,
    };
    // What `npm install` leaves: the server bundled from the current sources (bin/bundle.js).
    if (usableBundle(undefined) === undefined) await buildServer();
    const server = await inProcessServer(tweets, warmup, articles, tmp);
    const coldBig = await coldBigJob(tweets, tmp);
    const cli = await cliRow(tweets, tmp);
    const bullmq = await scaleOut(tweets, warmup, tmp);
    return [input, ...server, ...coldBig, ...cli, ...bullmq];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
