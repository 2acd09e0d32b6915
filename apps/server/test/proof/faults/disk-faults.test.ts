import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyFor, startServerProcess, startTextai, type TextaiProcess } from '../../helpers/processes.ts';
import { articlesCsv, reviewsCsv } from '../../jobs/fixtures.ts';
import { recordFigures } from '../figures.ts';
import { diskFull, FAULT_SWITCH, readOnly, type Fault } from './fault-ways.ts';
import { envelopeCode, SessionClient, type Answer } from './session-client.ts';
import { mountSizeLimitedFolder, type SizeLimitedFolder } from './size-limited-folder.ts';

const ADMIN = { username: 'operator', password: 'a long passphrase for fault tests 42' };
const PASSWORD = 'correct horse battery staple';
/** Big enough for the database and a small job, small enough to fill in a moment. */
const FOLDER_BYTES = 24 * 1024 * 1024;
/** Writes tried once the fault is on before expecting one to be refused. */
const MAX_WRITES_UNTIL_REFUSED = 300;
/** Rows of the job running when the fault comes (summaries: it lasts a few seconds). */
const IN_FLIGHT_ROWS = 600;

interface Readiness {
  status: string;
  database: string;
  database_problem?: { reason: string; message: string };
}

/**
 * A full disk and a read-only database under a real `textai serve` whose DATA_DIR (the SQLite file
 * and the upload spool) is on a size-limited tmpfs: writes get a clear 503 STORAGE_UNAVAILABLE
 * naming the cause, reads go on, /readyz says the database is not writable while /healthz stays
 * up, the process lives on; once the fault is removed the server recovers without a restart and
 * nothing acknowledged earlier is lost. Where the kernel cannot make the fault (no mount
 * permission, a busy remount) an injected SQLite fault stands in, and the test says so.
 */
describe('storage faults: disk full and read-only database', { timeout: 180_000 }, () => {
  let folder: SizeLimitedFolder | undefined;
  let dataDir = '';
  let server: TextaiProcess | undefined;
  let url = '';
  let key = '';
  let switchDir = '';
  let env: Record<string, string> = {};
  const acknowledgedUsers: string[] = [];
  let userCount = 0;

  beforeAll(async () => {
    const mounted = await mountSizeLimitedFolder(FOLDER_BYTES);
    if ('folder' in mounted) folder = mounted.folder;
    else console.warn(`disk faults: no tmpfs (${mounted.unavailable}); injecting the faults instead`);
    dataDir = folder?.dir ?? (await mkdtemp(path.join(tmpdir(), 'textai-faults-')));
    switchDir = await mkdtemp(path.join(tmpdir(), 'textai-fault-switch-'));
    env = {
      APP_ENV: 'development',
      DATA_DIR: dataDir,
      SECRET_KEY: 'disk-fault-test-secret-0123456789abcdef0123',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      BCRYPT_COST: '4',
      SIGNUP_IP_LIMIT: '100000',
      WORKER_CONCURRENCY: '1',
      FAULT_SWITCH_FILE: path.join(switchDir, 'state'),
    };
    await start();
    key = await apiKeyFor(url, ADMIN.username, ADMIN.password);
  });

  async function start() {
    const started = await startServerProcess(env, ['--import', FAULT_SWITCH]);
    server = started.process;
    url = started.url;
  }

  afterAll(async () => {
    server?.child.kill('SIGKILL');
    if (server) await server.exited;
    // Unmounted also when a test failed halfway (a read-only remount is undone by the unmount).
    if (folder) await folder.remove();
    else await rm(dataDir, { recursive: true, force: true });
    await rm(switchDir, { recursive: true, force: true });
  });

  function running(): TextaiProcess {
    if (server === undefined) throw new Error('the server did not start');
    return server;
  }

  async function signup(): Promise<Answer> {
    const username = `fault_user_${++userCount}`;
    const answer = await new SessionClient(url).signup(username, PASSWORD);
    if (answer.status === 201) acknowledgedUsers.push(username);
    return answer;
  }

  async function get(pathname: string): Promise<Answer> {
    const response = await fetch(`${url}${pathname}`, { headers: { 'x-api-key': key } });
    return { status: response.status, text: await response.text() };
  }

  async function analyse(text: string): Promise<Answer> {
    const response = await fetch(`${url}/api/v1/sentiment`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    return { status: response.status, text: await response.text() };
  }

  async function uploadJob(tool: 'sentiment' | 'summarize', csv: string): Promise<Answer> {
    const form = new FormData();
    form.append('tool', tool);
    form.append('file', new Blob([csv]), 'input.csv');
    const response = await fetch(`${url}/api/v1/jobs`, {
      method: 'POST',
      body: form,
      headers: { 'x-api-key': key },
    });
    return { status: response.status, text: await response.text() };
  }

  /** Waits for the job to end; returns its status and the row numbers of its results. */
  async function jobOutcome(id: string): Promise<{ status: string; rows: number[] }> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const job = JSON.parse((await get(`/api/v1/jobs/${id}`)).text) as { status: string };
      if (job.status !== 'queued' && job.status !== 'running') {
        const result = await get(`/api/v1/jobs/${id}/result?format=jsonl`);
        const rows = result.text
          .trim()
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => (JSON.parse(line) as { row: number }).row);
        return { status: job.status, rows };
      }
      if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} after 90 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function readiness(): Promise<{ status: number; body: Readiness }> {
    const response = await fetch(`${url}/readyz`);
    return { status: response.status, body: (await response.json()) as Readiness };
  }

  /** History entries the server shows (reads flush the write-behind buffer first): acknowledged. */
  async function historyTexts(): Promise<string[]> {
    const answer = await get('/api/v1/history/export?format=json');
    expect(answer.status).toBe(200);
    return (JSON.parse(answer.text) as { input_excerpt: string | null }[]).map((e) => e.input_excerpt ?? '');
  }

  /** Asserts how the server behaves while `fault` is on; returns the writes tried until one was refused. */
  async function whileFaulty(fault: Fault, reason: 'disk_full' | 'read_only'): Promise<number> {
    // A full disk may take a few writes to show (SQLite first reuses its WAL's blocks); every
    // answer on the way is a success or the clean 503, never a 500.
    const answers: Answer[] = [];
    for (let i = 0; i < MAX_WRITES_UNTIL_REFUSED; i++) {
      const answer = await signup();
      answers.push(answer);
      if (answer.status !== 201) break;
    }
    const refused = answers.at(-1);
    expect(refused?.status, `no write was refused (${reason})`).toBe(503);
    expect(refused && envelopeCode(refused)).toBe('STORAGE_UNAVAILABLE');
    expect(refused && (JSON.parse(refused.text) as { error: string }).error).toMatch(
      reason === 'disk_full' ? /disk is full/ : /read-only/,
    );
    expect(answers.every((a) => a.status === 201 || envelopeCode(a) === 'STORAGE_UNAVAILABLE')).toBe(true);
    // Once refused, writes stay refused while the fault lasts.
    const again = await signup();
    expect(again.status).toBe(503);
    expect(envelopeCode(again)).toBe('STORAGE_UNAVAILABLE');

    const job = await uploadJob('sentiment', reviewsCsv(20));
    if (fault.real || reason === 'read_only') {
      expect(job.status, job.text).toBe(503);
      expect(envelopeCode(job)).toBe('STORAGE_UNAVAILABLE');
      // The refused upload's spool file (under DATA_DIR) is gone, not left to fill the disk more.
      const spool = await readdir(path.join(dataDir, 'tmp')).catch(() => []);
      expect(spool.filter((name) => name.startsWith('upload-'))).toEqual([]);
    } else {
      // The injected page limit still lets SQLite reuse its free pages, where a small job may fit.
      expect([202, 503], job.text).toContain(job.status);
    }

    const ready = await readiness();
    if (fault.real || reason === 'read_only') {
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'not_ready', database: 'not_writable' });
      expect(ready.body.database_problem?.reason).toBe(reason);
    } else {
      // The injected page limit leaves DATA_DIR's free space and a probe's in-page write alone.
      console.warn(`disk faults: /readyz not checked for the injected full disk (${ready.body.database})`);
    }
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // Reads go on: the caller's history, a tool call (its history entry is the write that waits).
    expect((await get('/api/v1/history?limit=5')).status).toBe(200);
    expect((await analyse('reads still work on a read-only day')).status).toBe(200);
    expect(running().child.exitCode).toBeNull();

    return answers.length;
  }

  /** Runs the fault through its whole course and returns its figures. */
  async function faultCourse(fault: Fault, reason: 'disk_full' | 'read_only') {
    const label = reason === 'disk_full' ? 'disk full' : 'read-only database';
    for (let i = 0; i < 5; i++) expect((await signup()).status).toBe(201);
    const marker = `${reason} ${Date.now()}`;
    for (let i = 0; i < 5; i++)
      expect((await analyse(`${marker} call ${i}: a wonderful day`)).status).toBe(200);
    const historyBefore = (await historyTexts()).filter((t) => t.startsWith(marker));
    expect(historyBefore).toHaveLength(5);
    const usersBefore = [...acknowledgedUsers];

    // A job running when the fault comes: its chunks that cannot be committed are taken again
    // after the fix, and it ends with every row once.
    const inFlight = await uploadJob('summarize', articlesCsv(IN_FLIGHT_ROWS));
    expect(inFlight.status, inFlight.text).toBe(202);
    const inFlightId = (JSON.parse(inFlight.text) as { id: string }).id;

    const logFrom = running().lines.length;
    await fault.on();
    let writesUntilRefused: number;
    try {
      writesUntilRefused = await whileFaulty(fault, reason);
    } finally {
      // Off also when an assertion failed, so that the next test starts on a healthy disk.
      await fault.off();
    }
    const offAt = performance.now();
    for (;;) {
      if ((await readiness()).status === 200) break;
      if (performance.now() - offAt > 30_000)
        throw new Error(`${label}: /readyz not ready 30 s after the fix`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const recoveryMs = Math.round(performance.now() - offAt);
    // Logged once when the state changed and once when it recovered, not per refused request
    // (the log line may reach the pipe a moment after the answer that caused it).
    const logged = (text: string) =>
      running()
        .lines.slice(logFrom)
        .filter((line) => line.includes(text));
    for (let waited = 0; logged('storage is writable again').length === 0 && waited < 5000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(logged('storage not writable')).toHaveLength(1);
    expect(logged('storage is writable again')).toHaveLength(1);
    expect(
      running()
        .lines.slice(logFrom)
        .filter((line) => /unhandled error|"level":50.*"stack"/.test(line)),
    ).toEqual([]);
    expect((await signup()).status).toBe(201);
    const jobAfterFault = await jobOutcome(inFlightId);
    const jobRecoveryMs = Math.round(performance.now() - offAt);
    expect(jobAfterFault.status).toBe('done');
    expect(jobAfterFault.rows).toEqual(Array.from({ length: IN_FLIGHT_ROWS }, (_, i) => i + 1));
    const after = await uploadJob('sentiment', reviewsCsv(20));
    expect(after.status, after.text).toBe(202);

    // Nothing acknowledged was lost: every account signs in, every shown history entry is there.
    const lostUsers: string[] = [];
    for (const username of usersBefore) {
      if ((await new SessionClient(url).login(username, PASSWORD)).status !== 200) lostUsers.push(username);
    }
    const historyAfter = new Set(await historyTexts());
    const lostHistory = historyBefore.filter((text) => !historyAfter.has(text));
    expect(lostUsers).toEqual([]);
    expect(lostHistory).toEqual([]);
    expect(running().child.exitCode).toBeNull();
    return {
      way: fault.way,
      acknowledged: usersBefore.length + historyBefore.length,
      lost: lostUsers.length + lostHistory.length,
      writesUntilRefused,
      recoveryMs,
      jobRecoveryMs,
    };
  }

  it('a full disk: 503 STORAGE_UNAVAILABLE, not ready, alive; recovers when space is freed', async () => {
    const figures = await faultCourse(
      diskFull(folder, running(), path.join(switchDir, 'state')),
      'disk_full',
    );
    recordFigures('faults', [
      { name: 'disk full: how the fault was made', value: figures.way },
      { name: 'disk full: writes tried until the first refusal', value: figures.writesUntilRefused },
      { name: 'disk full: acknowledged writes before the fault', value: figures.acknowledged },
      {
        name: 'disk full: acknowledged writes lost',
        value: figures.lost,
        target: '0',
        ok: figures.lost === 0,
      },
      { name: 'disk full: ready again after space was freed (ms)', value: figures.recoveryMs },
      { name: 'disk full: job in flight done after space was freed (ms)', value: figures.jobRecoveryMs },
    ]);
  });

  it('a read-only database: 503 STORAGE_UNAVAILABLE, not ready, alive; recovers when writable', async () => {
    const figures = await faultCourse(
      readOnly(folder, running(), path.join(switchDir, 'state')),
      'read_only',
    );
    recordFigures('faults', [
      { name: 'read-only: how the fault was made', value: figures.way },
      { name: 'read-only: acknowledged writes before the fault', value: figures.acknowledged },
      {
        name: 'read-only: acknowledged writes lost',
        value: figures.lost,
        target: '0',
        ok: figures.lost === 0,
      },
      { name: 'read-only: ready again after it was writable (ms)', value: figures.recoveryMs },
      { name: 'read-only: job in flight done after it was writable (ms)', value: figures.jobRecoveryMs },
    ]);
  });

  // Linux lets a file system be remounted read-only only while nothing there is open for writing:
  // with the server stopped. Started on it, the server says so in one line and ends; once the file
  // system is writable again it starts with everything it had.
  it('a read-only file system at start: one clear line, exit 1; starts again once writable', async ({
    skip,
  }) => {
    if (folder === undefined) return skip('no tmpfs could be mounted here');
    running().child.kill('SIGTERM');
    expect((await running().exited).code).toBe(0);
    server = undefined;
    expect(await folder.remountReadOnly()).toBeUndefined();
    try {
      const refused = startTextai(['serve'], { ...env, HOST: '127.0.0.1', PORT: '0' });
      expect((await refused.exited).code).toBe(1);
      const said = refused.lines.filter((line) => line.trim() !== '');
      expect(said.join('\n')).toMatch(/cannot open the database .*EROFS/);
      expect(said.join('\n')).not.toMatch(/\n\s+at /); // no stack
    } finally {
      await folder.remountWritable();
    }
    await start();
    const lost: string[] = [];
    for (const username of acknowledgedUsers) {
      if ((await new SessionClient(url).login(username, PASSWORD)).status !== 200) lost.push(username);
    }
    expect(lost).toEqual([]);
    recordFigures('faults', [
      { name: 'read-only file system at start', value: 'refused in one line (EROFS), exit 1' },
      {
        name: 'read-only file system at start: acknowledged accounts lost after remount rw',
        value: lost.length,
        target: '0',
        ok: lost.length === 0,
      },
    ]);
  });
});
