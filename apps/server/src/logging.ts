import { pino, type Logger, type LoggerOptions } from 'pino';
import pinoRoll, { type RollingFile } from 'pino-roll';
import type { Config } from './config.ts';

/**
 * Paths pino replaces with "[redacted]": credentials in headers, cookies, and the body fields that
 * carry secrets (the request body is not logged by default; these guard any code that logs one).
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'headers["x-csrf-token"]',
  '*.password',
  '*.current_password',
  '*.new_password',
  '*.token',
  '*.csrf_token',
  '*.key',
  'password',
  'token',
  'key',
];

/** pino's options for the server and the worker, with the stream LOG_FILE names (stdout without it). */
export type ServerLoggerOptions = LoggerOptions & { stream?: RollingFile };

/**
 * Logger options: JSON lines to stdout, or to LOG_FILE rotated daily and at 50 MB, 14 files kept.
 * The rotating file is written from this thread, one whole line per write, and not through a pino
 * transport: a transport's thread receives the lines in chunks that may end mid-line, and
 * pino-roll rotated between two chunks, cutting a JSON line in two at every rotation (its head
 * the last line of one file, its tail the first of the next). Lines are written synchronously, as
 * pino writes to stdout, so nothing buffered is lost when the process exits.
 */
export async function loggerOptions(
  config: Pick<Config, 'logLevel' | 'logFile'>,
): Promise<ServerLoggerOptions | false> {
  if (config.logLevel === 'silent') return false;
  const redact = { paths: REDACT_PATHS, censor: '[redacted]' };
  if (config.logFile === undefined) return { level: config.logLevel, redact };
  const stream = await pinoRoll({
    file: config.logFile,
    frequency: 'daily',
    size: '50m',
    mkdir: true,
    limit: { count: 14 },
    sync: true,
  });
  return { level: config.logLevel, redact, stream };
}

/** A pino logger on those options (the worker's; the server's is Fastify's, on the same options). */
export async function createLogger(config: Pick<Config, 'logLevel' | 'logFile'>): Promise<Logger> {
  const options = await loggerOptions(config);
  if (options === false) return pino({ enabled: false });
  const { stream, ...rest } = options;
  return stream === undefined ? pino(rest) : pino(rest, stream);
}
