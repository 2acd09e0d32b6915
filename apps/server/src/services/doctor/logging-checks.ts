import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { currentSecrets, secretsIn } from './secret-patterns.ts';
import { outcome, pass, type DoctorCheck, type DoctorContext } from './types.ts';

const LOGROTATE_CONFIGS = ['/etc/logrotate.conf', '/etc/logrotate.d'];
/** Enough to cover the newest files of a busy day without reading a disk's worth of logs. */
const MAX_SCAN_BYTES = 256 * 1024 * 1024;

/**
 * The files LOG_FILE's logs are in, newest first. pino-roll (4.x) never writes LOG_FILE itself: it
 * puts a number (and, with a date format, a date) before the extension — logs/app.log is written
 * as logs/app.1.log, logs/app.2.log, … (`.log` added when LOG_FILE has none). LOG_FILE and
 * LOG_FILE.N, as another rotator leaves them, are read too.
 */
function logFiles(ctx: DoctorContext, logFile: string): string[] {
  const file = path.resolve(ctx.cwd, logFile);
  const dir = path.dirname(file);
  if (!existsSync(dir)) return [];
  const base = path.basename(file);
  const extension = path.extname(base);
  const stem = extension === '' ? base : base.slice(0, -extension.length);
  const rolled = new RegExp(
    `^${escapeRegExp(stem)}(\\.[0-9-]+)?\\.\\d+${escapeRegExp(extension || '.log')}$`,
  );
  return readdirSync(dir)
    .filter(
      (name) =>
        name === base ||
        rolled.test(name) ||
        (name.startsWith(`${base}.`) && /^\d+$/.test(name.slice(base.length + 1))),
    )
    .map((name) => path.join(dir, name))
    .filter((candidate) => statSync(candidate).isFile())
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** logrotate configuration files that name the log file (or its folder). */
function logrotateConfigsNaming(target: string): string[] {
  const files = LOGROTATE_CONFIGS.flatMap((entry) => {
    if (!existsSync(entry)) return [];
    if (!statSync(entry).isDirectory()) return [entry];
    return readdirSync(entry).map((name) => path.join(entry, name));
  });
  return files.filter((file) => {
    try {
      return statSync(file).isFile() && readFileSync(file, 'utf8').includes(target);
    } catch {
      return false;
    }
  });
}

const logRotation: DoctorCheck = {
  id: 'log-rotation',
  title: 'Log rotation',
  run(ctx) {
    const { logFile } = ctx.config;
    if (logFile === undefined) {
      return pass('logs go to standard output: journald or the container runtime keeps and rotates them');
    }
    const file = path.resolve(ctx.cwd, logFile);
    const rotating = `${file} is rotated by the server itself (daily or at 50 MB, 14 files kept)`;
    const others = logrotateConfigsNaming(path.dirname(file));
    if (others.length > 0) {
      // Two rotators on one set of files: logrotate renames or truncates what pino-roll still writes.
      return outcome(
        'warn',
        `${rotating}, and logrotate also names its folder (${others.join(', ')})`,
        'remove the logrotate rule for it, or unset LOG_FILE and let journald/docker keep stdout',
      );
    }
    return pass(rotating);
  },
};

async function scanFile(
  file: string,
  known: ReturnType<typeof currentSecrets>,
  found: Set<string>,
): Promise<void> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }) });
  for await (const line of lines) for (const what of secretsIn(line, known)) found.add(what);
}

const logSecrets: DoctorCheck = {
  id: 'log-secrets',
  title: 'No secrets in logs',
  timeoutMs: 120_000,
  async run(ctx) {
    const { logFile } = ctx.config;
    if (logFile === undefined)
      return pass('no LOG_FILE to read; the server redacts credentials before logging');
    const files = logFiles(ctx, logFile);
    if (files.length === 0) return pass('no log file yet');
    const known = currentSecrets(ctx);
    const found = new Set<string>();
    let scanned = 0;
    for (const file of files) {
      if (scanned >= MAX_SCAN_BYTES) break;
      await scanFile(file, known, found);
      scanned += statSync(file).size;
    }
    const which = `${files.length} log file${files.length === 1 ? '' : 's'}`;
    if (found.size === 0) return pass(`${which} read: no current secret, API key or private key in them`);
    return outcome(
      'fail',
      `${which} hold${files.length === 1 ? 's' : ''} ${[...found].join(', ')}`,
      'rotate those secrets, delete the affected log files, and report how they got there',
    );
  },
};

export const loggingChecks: DoctorCheck[] = [logRotation, logSecrets];
