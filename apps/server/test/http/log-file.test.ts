import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../../src/logging.ts';
import pino from 'pino';

const MB = 1024 * 1024;

/** LOG_FILE as the server and the worker set it up (logging.ts): JSON lines, rotated at 50 MB. */
describe('LOG_FILE', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'textai-log-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rotates past 50 MB between lines: every line whole, in order, none lost, credentials redacted', async () => {
    const options = await loggerOptions({ logLevel: 'info', logFile: path.join(dir, 'logs', 'app.log') });
    if (options === false || options.stream === undefined)
      throw new Error('LOG_FILE must give a file stream');
    const { stream, ...rest } = options;
    const logger = pino(rest, stream);
    // About 56 MB of lines, as a busy server logs them: a few hundred at a time.
    const padding = 'x'.repeat(1000);
    const lines = 56_000;
    for (let i = 0; i < lines; i++) {
      logger.info({ i, padding, password: 'never in a log' }, 'line');
      if (i % 200 === 199) await nextTurn();
    }
    await new Promise<void>((resolve) => {
      stream.once('close', () => resolve());
      stream.end();
    });

    const folder = path.join(dir, 'logs');
    // pino-roll numbers its files before the extension; LOG_FILE itself is never written.
    expect(readdirSync(folder).sort()).toEqual(['app.1.log', 'app.2.log']);
    expect(statSync(path.join(folder, 'app.1.log')).size).toBeGreaterThanOrEqual(50 * MB);
    expect(statSync(path.join(folder, 'app.1.log')).size).toBeLessThan(51 * MB);
    let seen = 0;
    for (const name of ['app.1.log', 'app.2.log']) {
      const text = readFileSync(path.join(folder, name), 'utf8');
      expect(text.endsWith('\n'), name).toBe(true);
      for (const line of text.slice(0, -1).split('\n')) {
        const entry = JSON.parse(line) as { i: number; password: string };
        expect(entry.i).toBe(seen);
        expect(entry.password).toBe('[redacted]');
        seen++;
      }
    }
    expect(seen).toBe(lines);
  }, 120_000);
});
