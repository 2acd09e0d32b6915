import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging.ts';
import { buildDoctorContext } from '../../src/services/doctor/context.ts';
import { loggingChecks } from '../../src/services/doctor/logging-checks.ts';
import { runChecks } from '../../src/services/doctor/runner.ts';
import { makeTempDir } from '../cli/helpers.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function logFolder(lines: Record<string, string[]>): Promise<string> {
  const { dir, cleanup } = await makeTempDir();
  cleanups.push(cleanup);
  mkdirSync(join(dir, 'logs'));
  for (const [name, content] of Object.entries(lines))
    writeFileSync(join(dir, 'logs', name), `${content.join('\n')}\n`);
  return dir;
}

async function run(dir: string, env: Record<string, string>) {
  const context = buildDoctorContext({
    env: { LOG_FILE: 'logs/app.log', ...env },
    cwd: dir,
    production: true,
  });
  const items = await runChecks(loggingChecks, context);
  return Object.fromEntries(items.map((item) => [item.id, item]));
}

const line = (msg: string) => JSON.stringify({ level: 30, time: 1, msg });

/** Writes lines through the server's own LOG_FILE logger (pino-roll) and waits until they are on disk. */
async function logThroughServerLogger(dir: string, messages: string[]): Promise<string[]> {
  const logger = await createLogger({ logLevel: 'info', logFile: join(dir, 'logs', 'app.log') });
  for (const message of messages) logger.info(message);
  const last = messages.at(-1) ?? '';
  const deadline = Date.now() + 10_000;
  for (;;) {
    const names = readdirSync(join(dir, 'logs'), { withFileTypes: true }).filter((e) => e.isFile());
    if (names.some((e) => readFileSync(join(dir, 'logs', e.name), 'utf8').includes(last))) {
      return names.map((e) => e.name);
    }
    if (Date.now() > deadline) throw new Error('the logger wrote nothing');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('doctor: logs', () => {
  it('reads the files the server’s LOG_FILE logger really writes', async () => {
    const { dir, cleanup } = await makeTempDir();
    cleanups.push(cleanup);
    mkdirSync(join(dir, 'logs'));
    const apiKey = `tai_${randomBytes(32).toString('base64url')}`;
    const written = await logThroughServerLogger(dir, ['started', `a careless line with ${apiKey}`]);
    // Not LOG_FILE itself: pino-roll numbers its files before the extension.
    expect(written).not.toContain('app.log');
    const result = await run(dir, { SECRET_KEY: randomBytes(32).toString('hex') });
    expect(result['log-secrets']?.status).toBe('fail');
    expect(result['log-secrets']?.detail).toMatch(/^1 log file holds .*a TextAI API key/);
  });

  it('reads LOG_FILE and its rotated files and passes logs without secrets', async () => {
    const dir = await logFolder({ 'app.log.1': [line('started')], 'app.log.2': [line('request completed')] });
    const result = await run(dir, { SECRET_KEY: randomBytes(32).toString('hex') });
    expect(result['log-rotation']?.status).toBe('pass');
    expect(result['log-rotation']?.detail).toMatch(/rotated by the server itself/);
    expect(result['log-secrets']?.status).toBe('pass');
    expect(result['log-secrets']?.detail).toMatch(/^2 log files read/);
  });

  it('fails when a rotated log holds the current secret or an API key, and names them without their values', async () => {
    const secret = randomBytes(32).toString('hex');
    const apiKey = `tai_${randomBytes(32).toString('base64url')}`;
    const dir = await logFolder({
      'app.log.1': [line('fine')],
      'app.log.7': [line(`debugging: key=${secret}`), line(`header x-api-key ${apiKey}`)],
      'unrelated.log': [line(`not ours: ${secret}`)],
    });
    const result = await run(dir, { SECRET_KEY: secret });
    const item = result['log-secrets'];
    expect(item?.status).toBe('fail');
    expect(item?.detail).toMatch(/^2 log files hold /);
    expect(item?.detail).toContain('the current SECRET_KEY');
    expect(item?.detail).toContain('a TextAI API key');
    expect(JSON.stringify(item)).not.toContain(secret);
    expect(JSON.stringify(item)).not.toContain(apiKey);
  });
});
