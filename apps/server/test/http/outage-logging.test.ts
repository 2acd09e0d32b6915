import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { MemoryCounterStore } from '../../src/services/limits/counter-store.ts';
import { openStorage, type OpenedStorage } from '../../src/storage/index.ts';
import type { HistoryRepository, JobRepository } from '../../src/storage/repositories.ts';
import { BrowserClient, createKey, loadTools } from '../helpers/app.ts';
import { sqliteTestDatabase } from '../helpers/databases.ts';
import { jsonLogSink } from '../helpers/json-log-sink.ts';
import { refusedConnection } from '../helpers/refused-connection.ts';
import { until } from '../helpers/until.ts';

interface LogLine {
  level: number;
  msg: string;
  work?: string;
  reason?: string;
  context?: string;
  err?: unknown;
}
const INFO = 30;
const WARN = 40;

/**
 * The real storage, except that the queries of the server's background work — the history
 * recorder's writes and the job runner's polls — fail as they do while PostgreSQL is stopped
 * whenever the test says so. Requests keep their database, so tool calls still answer.
 */
function switchableStorage(real: OpenedStorage) {
  const state = { down: false, historyWrites: 0, jobPolls: 0 };
  const history = Object.create(real.history) as HistoryRepository;
  history.insertMany = (entries) => {
    state.historyWrites++;
    return state.down ? Promise.reject(refusedConnection()) : real.history.insertMany(entries);
  };
  const jobs = Object.create(real.jobs) as JobRepository;
  jobs.claimChunk = (...args) => {
    state.jobPolls++;
    return state.down ? Promise.reject(refusedConnection()) : real.jobs.claimChunk(...args);
  };
  jobs.unrecorded = (...args) =>
    state.down ? Promise.reject(refusedConnection()) : real.jobs.unrecorded(...args);
  const storage: OpenedStorage = { ...real, history, jobs };
  return { storage, state };
}

describe("the server's background work while the database is unreachable", () => {
  it('logs the outage once per piece of work as a warning without a stack, and once when it is back', async () => {
    const { lines, sink } = jsonLogSink<LogLine>();
    const database = sqliteTestDatabase();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'textai-data-'));
    const config = loadConfig({
      APP_ENV: 'test',
      SECRET_KEY: 'test-secret-0123456789abcdef0123456789abcdef',
      BCRYPT_COST: '4',
      DATABASE_URL: `sqlite:${database.target.kind === 'sqlite' ? database.target.file : ''}`,
      DATA_DIR: dataDir,
    });
    const real = openStorage(config.database);
    await real.migrate();
    const { storage, state } = switchableStorage(real);
    // The app as server.ts builds it: its own logger, its job runner (polling fast here).
    const app = await buildApp({
      config,
      storage,
      tools: await loadTools(),
      counters: new MemoryCounterStore(),
      loggerInstance: pino({ level: 'info' }, sink),
      jobRunner: { pollMs: 20 },
    });
    try {
      const browser = new BrowserClient(app);
      await browser.signup('outage');
      const key = await createKey(browser);
      const call = async (text: string) => {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/sentiment',
          payload: { text },
          headers: { 'x-api-key': key },
        });
        expect(response.statusCode).toBe(200);
      };
      const from = lines.length;
      const since = (level: number) => lines.slice(from).filter((line) => line.level >= level);

      state.down = true;
      const { historyWrites, jobPolls } = state;
      await call('Called while the database is away.');
      // The first write and at least one retry (a second apart) of history; many job polls.
      await until(() => state.historyWrites >= historyWrites + 2, 'a retried history write');
      await call('Called during the retries.');
      await until(() => state.jobPolls >= jobPolls + 20, 'job polls during the outage');

      const warnings = since(WARN);
      expect(
        warnings.filter((line) => line.level > WARN),
        'no errors: an outage is no bug',
      ).toEqual([]);
      expect(warnings.map((line) => line.work).sort()).toEqual(['history', 'jobs']);
      for (const warning of warnings) {
        expect(warning.msg).toMatch(/^the database is unreachable: /);
        expect(warning.reason).toBe('connect ECONNREFUSED 127.0.0.1:5432');
        expect(JSON.stringify(warning)).not.toMatch(/stack|\n\s+at /);
      }
      expect(warnings.find((line) => line.work === 'history')).toMatchObject({
        context: 'writing history',
        msg: expect.stringMatching(/history is kept in memory/),
      });

      state.down = false;
      const back = () => since(INFO).filter((line) => line.level === INFO && /answers again/.test(line.msg));
      await until(() => back().length === 2, 'both recoveries logged');
      expect(
        back()
          .map((line) => line.work)
          .sort(),
      ).toEqual(['history', 'jobs']);
      // The calls answered meanwhile are in the history once the database is back.
      const history = await app.inject({ url: '/api/v1/history', headers: { 'x-api-key': key } });
      expect((history.json() as { data: unknown[] }).data).toHaveLength(2);
      expect(since(WARN)).toHaveLength(2);
    } finally {
      await app.close();
      await real.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
