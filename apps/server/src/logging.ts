import type { FastifyServerOptions } from 'fastify';
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

/** Fastify's logger options: JSON lines to stdout, or to LOG_FILE rotated daily and by size. */
export function loggerOptions(config: Pick<Config, 'logLevel' | 'logFile'>): FastifyServerOptions['logger'] {
  if (config.logLevel === 'silent') return false;
  const redact = { paths: REDACT_PATHS, censor: '[redacted]' };
  if (config.logFile === undefined) return { level: config.logLevel, redact };
  return {
    level: config.logLevel,
    redact,
    transport: {
      target: 'pino-roll',
      options: { file: config.logFile, frequency: 'daily', size: '50m', mkdir: true, limit: { count: 14 } },
    },
  };
}
