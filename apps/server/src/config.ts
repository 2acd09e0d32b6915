import { existsSync } from 'node:fs';
import path from 'node:path';
import { Cron } from 'croner';
import { z } from 'zod';
import { passwordProblems } from './services/accounts/password-policy.ts';

/**
 * The only reader of process.env. Every setting is parsed once, here, by one schema; every problem
 * is reported at once so an operator fixes a broken .env in one pass instead of one per restart.
 */

const boolean = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : ['true', '1', 'yes', 'on'].includes(v)));

const integer = (fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const text = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? fallback : v.trim()));

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const fraction = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0 || n > 1) {
        ctx.addIssue({ code: 'custom', message: 'must be a fraction from 0 to 1 (0.05 is 5%)' });
        return z.NEVER;
      }
      return n;
    });

/** A cron expression croner accepts (5 fields, or 6 with seconds first) that comes due some day. */
const cronSchedule = optionalText.superRefine((v, ctx) => {
  if (v === undefined) return;
  try {
    if (new Cron(v).nextRun() === null) ctx.addIssue({ code: 'custom', message: `"${v}" never comes due` });
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/^CronPattern: /, '');
    ctx.addIssue({
      code: 'custom',
      message: `"${v}" is not a cron expression (${reason}); e.g. 0 3 * * * is 03:00 every day`,
    });
  }
});

/** An http(s) URL, e.g. a chat webhook. */
const webhookUrl = optionalText.superRefine((v, ctx) => {
  if (v === undefined) return;
  // The value may hold a secret (a token in the path or query): never echo it in the message.
  if (!URL.canParse(v) || !['http:', 'https:'].includes(new URL(v).protocol))
    ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// URL' });
});

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  APP_ENV: z.enum(['development', 'production', 'test']).optional().default('development'),
  DEBUG: boolean(false),
  HOST: text('0.0.0.0'),
  PORT: integer(8501, 0, 65535),
  PUBLIC_URL: optionalText,
  TRUST_PROXY: text('false'),
  SECRET_KEY: optionalText,
  ADMIN_USERNAME: text('admin'),
  ADMIN_PASSWORD: optionalText,
  DATA_DIR: text('./data'),
  DATABASE_URL: optionalText,
  REDIS_URL: optionalText,
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - (1 to 40)')
    .default('textai'),
  MAX_UPLOAD_MB: integer(10, 1, 1024),
  MAX_TEXT_CHARS: integer(100_000, 100, 10_000_000),
  MAX_BATCH_SIZE: integer(100, 1, 10_000),
  GUEST_RATE_LIMIT: integer(10, 0),
  USER_RATE_LIMIT: integer(100, 0),
  PRO_RATE_LIMIT: integer(1000, 0),
  GUEST_DAILY_ROWS: integer(100, 0),
  USER_DAILY_ROWS: integer(10_000, 0),
  PRO_DAILY_ROWS: integer(1_000_000, 0),
  SESSION_TIMEOUT_MIN: integer(30, 1, 24 * 60),
  SESSION_MAX_AGE_HOURS: integer(12, 1, 24 * 30),
  BCRYPT_COST: integer(12, 4, 15),
  HASH_CONCURRENCY: integer(2, 1, 64),
  LOGIN_MAX_FAILURES: integer(5, 1, 1000),
  LOGIN_IP_MAX_FAILURES: integer(30, 1, 100_000),
  LOGIN_WINDOW_MIN: integer(15, 1, 24 * 60),
  SIGNUP_IP_LIMIT: integer(10, 1, 100_000),
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  LOG_FILE: optionalText,
  ENABLE_USER_SIGNUP: boolean(true),
  ENABLE_API_ACCESS: boolean(true),
  ENABLE_BATCH_PROCESSING: boolean(true),
  ENABLE_ANALYTICS: boolean(true),
  ENABLE_ADMIN_DASHBOARD: boolean(true),
  ENABLE_GUEST_ACCESS: boolean(true),
  ENABLE_API_DOCS: boolean(true),
  HISTORY_RETENTION_DAYS: integer(90, 1),
  AUDIT_RETENTION_DAYS: integer(365, 1),
  HISTORY_EXCERPT_CHARS: integer(200, 0, 100_000),
  JOB_RETENTION_DAYS: integer(7, 1),
  WORKER_CONCURRENCY: integer(0, 0, 256),
  MAX_JOB_ROWS: integer(100_000, 1, 100_000_000),
  JOB_LEASE_SEC: integer(120, 1, 86_400),
  WORKER_METRICS_PORT: integer(0, 0, 65_535),
  METRICS_TOKEN: optionalText,
  CORS_ORIGINS: optionalText,
  REQUEST_TIMEOUT_MS: integer(30_000, 1000),
  INFERENCE_TIMEOUT_MS: integer(10_000, 100),
  BACKUP_DIR: optionalText,
  BACKUP_KEY: optionalText,
  BACKUP_RETENTION_DAYS: integer(30, 1),
  BACKUP_SCHEDULE: cronSchedule,
  ALERT_WEBHOOK_URL: webhookUrl,
  ALERT_ERROR_RATE: fraction(0.05),
  ALERT_P95_MS: integer(2000, 0),
  ALERT_DISK_FREE_PCT: integer(10, 0, 100),
  ALERT_BACKUP_AGE_HOURS: integer(26, 0),
  ALERT_WINDOW_MIN: integer(5, 1, 24 * 60),
  ALERT_COOLDOWN_MIN: integer(60, 0, 7 * 24 * 60),
  SENTIMENT_MODEL: text('builtin'),
  SUMMARIZER_MODEL: text('builtin'),
  FAKE_NEWS_MODEL: text('builtin'),
  JOB_MATCHER_MODEL: text('builtin'),
  MODEL_CACHE_DIR: optionalText,
  ALLOW_MODEL_DOWNLOAD: boolean(false),
  HF_ENDPOINT: optionalText,
  SMTP_HOST: optionalText,
  SMTP_PORT: integer(587, 1, 65535),
  SMTP_USER: optionalText,
  SMTP_PASSWORD: optionalText,
  SMTP_FROM: optionalText,
  SMTP_SECURE: boolean(false),
});

type Env = z.infer<typeof envSchema>;

/** Every setting's name (`textai doctor` flags names in .env that nothing reads: typos). */
export const SETTING_NAMES: readonly string[] = Object.keys(envSchema.shape);

export type AppEnv = Env['APP_ENV'];
export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
export type Tier = 'guest' | 'user' | 'pro' | 'admin';

export interface Config {
  appEnv: AppEnv;
  debug: boolean;
  host: string;
  port: number;
  publicUrl: string | undefined;
  /** Fastify's trustProxy: false, true, a hop count, or a list of addresses/CIDRs. */
  trustProxy: boolean | number | string[];
  /** Signs session and CSRF cookies. In development a per-process random key stands in. */
  secretKey: string;
  admin: { username: string; password: string | undefined };
  dataDir: string;
  database: DatabaseTarget;
  redisUrl: string | undefined;
  /** Namespace of this deployment's keys and queues in Redis (several deployments can share one). */
  redisPrefix: string;
  limits: {
    maxUploadBytes: number;
    maxTextChars: number;
    maxBatchSize: number;
    /** Tool calls per hour; Infinity for admins. */
    hourly: Record<Tier, number>;
    /** Rows per day for batch calls and file jobs. */
    dailyRows: Record<Tier, number>;
    /** Longest to receive a request, and to answer it (transfers excepted: routes/route-timeouts.ts). */
    requestTimeoutMs: number;
    /** Longest a neural model may take over one tool call before the call answers 503 TIMEOUT. */
    inferenceTimeoutMs: number;
  };
  sessions: { idleTimeoutMs: number; maxAgeMs: number };
  auth: {
    bcryptCost: number;
    hashConcurrency: number;
    loginMaxFailures: number;
    loginIpMaxFailures: number;
    loginWindowMs: number;
    signupIpLimit: number;
  };
  logLevel: (typeof LOG_LEVELS)[number];
  logFile: string | undefined;
  features: {
    signup: boolean;
    api: boolean;
    batch: boolean;
    analytics: boolean;
    admin: boolean;
    guests: boolean;
    apiDocs: boolean;
  };
  history: { retentionDays: number; excerptChars: number };
  /** Audit-log entries older than this are purged with the other retention work. */
  audit: { retentionDays: number };
  jobs: {
    retentionDays: number;
    workerConcurrency: number;
    maxRows: number;
    leaseMs: number;
    /** `textai worker` serves GET /metrics on this port (HOST); 0: no listener. */
    workerMetricsPort: number;
  };
  metricsToken: string | undefined;
  corsOrigins: string[];
  backup: { dir: string; key: string | undefined; retentionDays: number; schedule: string | undefined };
  /** Webhook alerts; a threshold of 0 turns that alert off. */
  alerts: {
    webhookUrl: string | undefined;
    /** Fraction of 5xx responses over the window, across every server process. */
    errorRate: number;
    p95Ms: number;
    diskFreePct: number;
    backupAgeHours: number;
    windowMs: number;
    cooldownMs: number;
  };
  models: {
    sentiment: string;
    summarize: string;
    fakeNews: string;
    jobMatch: string;
    cacheDir: string;
    allowDownload: boolean;
    hfEndpoint: string | undefined;
  };
  smtp:
    | { host: string; port: number; user?: string; password?: string; from: string; secure: boolean }
    | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Values copied from examples and docs; a production secret must not be one of them. */
const EXAMPLE_SECRETS = [
  'change-me',
  'changeme',
  'your-secret-key',
  'secret',
  'replace-with',
  'example',
  'your_secret_key_here',
];
const DEFAULT_ADMIN_PASSWORDS = ['admin', 'admin123', 'password', 'changeme', 'change-me'];

/** A value copied from an example or doc, or one character repeated (doctor checks every secret with it). */
export function looksLikeExample(value: string): boolean {
  const lower = value.toLowerCase();
  return EXAMPLE_SECRETS.some((e) => lower.includes(e)) || /^(.)\1+$/.test(value);
}

function parseTrustProxy(value: string): boolean | number | string[] {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function databaseTarget(url: string | undefined, dataDir: string): DatabaseTarget {
  if (url === undefined) return { kind: 'sqlite', file: path.join(dataDir, 'textai.db') };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  throw new ConfigError([`DATABASE_URL: must start with postgres://, postgresql:// or sqlite:`]);
}

/**
 * Reads the environment (and a .env file in the working directory, when present and not already
 * loaded) into a Config. Throws ConfigError listing every problem.
 */
export function loadConfig(env: NodeJS.ProcessEnv = readProcessEnv()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const production = e.APP_ENV === 'production';
  const dataDir = path.resolve(e.DATA_DIR);

  let database: DatabaseTarget = { kind: 'sqlite', file: path.join(dataDir, 'textai.db') };
  try {
    database = databaseTarget(e.DATABASE_URL, dataDir);
  } catch (error) {
    if (error instanceof ConfigError) problems.push(...error.problems);
  }
  if (e.REDIS_URL !== undefined && database.kind !== 'postgres') {
    problems.push('REDIS_URL: requires DATABASE_URL to point at PostgreSQL (workers share the database)');
  }

  if (production) {
    if (e.SECRET_KEY === undefined) problems.push('SECRET_KEY: missing (generate one: openssl rand -hex 32)');
    else if (e.SECRET_KEY.length < 32) problems.push('SECRET_KEY: shorter than 32 characters');
    else if (looksLikeExample(e.SECRET_KEY)) problems.push('SECRET_KEY: is an example value; generate one');
    if (e.ADMIN_PASSWORD !== undefined) {
      for (const weakness of adminPasswordWeaknesses(e.ADMIN_PASSWORD, e.ADMIN_USERNAME)) {
        problems.push(`ADMIN_PASSWORD: ${weakness}`);
      }
    }
    if (e.DEBUG) problems.push('DEBUG: must be false in production');
    if (e.BCRYPT_COST < 12) problems.push('BCRYPT_COST: must be at least 12 in production');
  } else if (e.SECRET_KEY !== undefined && e.SECRET_KEY.length < 32) {
    problems.push('SECRET_KEY: shorter than 32 characters');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const smtp =
    e.SMTP_HOST === undefined
      ? undefined
      : {
          host: e.SMTP_HOST,
          port: e.SMTP_PORT,
          ...(e.SMTP_USER !== undefined ? { user: e.SMTP_USER } : {}),
          ...(e.SMTP_PASSWORD !== undefined ? { password: e.SMTP_PASSWORD } : {}),
          from: e.SMTP_FROM ?? `TextAI Studio <no-reply@localhost>`,
          secure: e.SMTP_SECURE,
        };

  return {
    appEnv: e.APP_ENV,
    debug: e.DEBUG,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    secretKey: e.SECRET_KEY ?? randomDevelopmentKey(),
    admin: { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD },
    dataDir,
    database,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    limits: {
      maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
      maxTextChars: e.MAX_TEXT_CHARS,
      maxBatchSize: e.MAX_BATCH_SIZE,
      hourly: { guest: e.GUEST_RATE_LIMIT, user: e.USER_RATE_LIMIT, pro: e.PRO_RATE_LIMIT, admin: Infinity },
      dailyRows: {
        guest: e.GUEST_DAILY_ROWS,
        user: e.USER_DAILY_ROWS,
        pro: e.PRO_DAILY_ROWS,
        admin: Infinity,
      },
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      inferenceTimeoutMs: e.INFERENCE_TIMEOUT_MS,
    },
    sessions: {
      idleTimeoutMs: e.SESSION_TIMEOUT_MIN * 60_000,
      maxAgeMs: e.SESSION_MAX_AGE_HOURS * 3_600_000,
    },
    auth: {
      bcryptCost: e.BCRYPT_COST,
      hashConcurrency: e.HASH_CONCURRENCY,
      loginMaxFailures: e.LOGIN_MAX_FAILURES,
      loginIpMaxFailures: e.LOGIN_IP_MAX_FAILURES,
      loginWindowMs: e.LOGIN_WINDOW_MIN * 60_000,
      signupIpLimit: e.SIGNUP_IP_LIMIT,
    },
    logLevel: e.LOG_LEVEL ?? (e.DEBUG ? 'debug' : e.APP_ENV === 'test' ? 'silent' : 'info'),
    logFile: e.LOG_FILE,
    features: {
      signup: e.ENABLE_USER_SIGNUP,
      api: e.ENABLE_API_ACCESS,
      batch: e.ENABLE_BATCH_PROCESSING,
      analytics: e.ENABLE_ANALYTICS,
      admin: e.ENABLE_ADMIN_DASHBOARD,
      guests: e.ENABLE_GUEST_ACCESS,
      apiDocs: e.ENABLE_API_DOCS,
    },
    history: { retentionDays: e.HISTORY_RETENTION_DAYS, excerptChars: e.HISTORY_EXCERPT_CHARS },
    audit: { retentionDays: e.AUDIT_RETENTION_DAYS },
    jobs: {
      retentionDays: e.JOB_RETENTION_DAYS,
      workerConcurrency: e.WORKER_CONCURRENCY,
      maxRows: e.MAX_JOB_ROWS,
      leaseMs: e.JOB_LEASE_SEC * 1000,
      workerMetricsPort: e.WORKER_METRICS_PORT,
    },
    metricsToken: e.METRICS_TOKEN,
    corsOrigins: (e.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    backup: {
      dir: path.resolve(e.BACKUP_DIR ?? path.join(dataDir, 'backups')),
      key: e.BACKUP_KEY,
      retentionDays: e.BACKUP_RETENTION_DAYS,
      schedule: e.BACKUP_SCHEDULE,
    },
    alerts: {
      webhookUrl: e.ALERT_WEBHOOK_URL,
      errorRate: e.ALERT_ERROR_RATE,
      p95Ms: e.ALERT_P95_MS,
      diskFreePct: e.ALERT_DISK_FREE_PCT,
      backupAgeHours: e.ALERT_BACKUP_AGE_HOURS,
      windowMs: e.ALERT_WINDOW_MIN * 60_000,
      cooldownMs: e.ALERT_COOLDOWN_MIN * 60_000,
    },
    models: {
      sentiment: e.SENTIMENT_MODEL,
      summarize: e.SUMMARIZER_MODEL,
      fakeNews: e.FAKE_NEWS_MODEL,
      jobMatch: e.JOB_MATCHER_MODEL,
      cacheDir: path.resolve(e.MODEL_CACHE_DIR ?? path.join(dataDir, 'models')),
      allowDownload: e.ALLOW_MODEL_DOWNLOAD,
      hfEndpoint: e.HF_ENDPOINT,
    },
    smtp,
  };
}

/**
 * Why an admin password is unfit for production: the account rules every password meets (so a
 * common one is listed with the other problems now, not refused alone when the admin is created,
 * or never when the admin already exists), plus a default value and too few distinct characters.
 * password-policy.ts is a leaf module (the list and the rules), so config loads nothing else.
 */
export function adminPasswordWeaknesses(password: string, username: string): string[] {
  if (DEFAULT_ADMIN_PASSWORDS.includes(password.toLowerCase())) return ['is a default password'];
  const problems = passwordProblems(password, username);
  if (new Set(password).size < 6 && problems.length === 0) problems.push('too few distinct characters');
  return problems;
}

function randomDevelopmentKey(): string {
  // Sessions do not survive a restart without SECRET_KEY; fine in development, refused in production.
  return globalThis.crypto.randomUUID() + globalThis.crypto.randomUUID();
}

/** The environment, with the working directory's .env loaded under it (the environment wins). */
export function readProcessEnv(): NodeJS.ProcessEnv {
  if (existsSync('.env') && process.env['TEXTAI_ENV_LOADED'] !== '1') {
    process.loadEnvFile('.env');
    process.env['TEXTAI_ENV_LOADED'] = '1';
  }
  return process.env;
}
