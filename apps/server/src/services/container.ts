import { availableParallelism } from 'node:os';
import type { Config } from '../config.ts';
import type { Storage } from '../storage/repositories.ts';
import { createTextExtractor, type TextExtractor } from './documents/extract-text.ts';
import { AccountService } from './accounts/account-service.ts';
import { ApiKeyService } from './accounts/api-key-service.ts';
import { PasswordHasher } from './accounts/password-hasher.ts';
import { SessionService } from './accounts/session-service.ts';
import { AuditService } from './audit.ts';
import { systemClock, type Clock } from './clock.ts';
import type { DatabaseWork } from './database-change-log.ts';
import type { DatabaseChange } from './database-reachability.ts';
import { AnalyticsService } from './history/analytics-service.ts';
import { HistoryRecorder } from './history/history-recorder.ts';
import { HistoryService } from './history/history-service.ts';
import type { CounterStore } from './limits/counter-store.ts';
import { LoginThrottle } from './limits/login-throttle.ts';
import { RateLimiter } from './limits/rate-limiter.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { PasswordResetMail } from './mail/password-reset-mail.ts';
import type { StorageFault } from './storage-faults.ts';
import { StorageHealth } from './storage-health.ts';
import { modelSpecsOf, neuralSettingsOf, type ToolService } from './tools/tool-service.ts';
import { BullDispatcher } from './jobs/bullmq.ts';
import { ThreadPoolExecutor } from './jobs/executor/thread-pool.ts';
import { InlineDispatcher } from './jobs/inline-dispatcher.ts';
import { JobRunner } from './jobs/job-runner.ts';
import { JobService, type JobDispatcher } from './jobs/job-service.ts';

/** Everything the routes call, wired once per app from its dependencies. */
export interface Services {
  config: Config;
  storage: Storage;
  clock: Clock;
  tools: ToolService;
  counters: CounterStore;
  hasher: PasswordHasher;
  audit: AuditService;
  sessions: SessionService;
  accounts: AccountService;
  apiKeys: ApiKeyService;
  history: HistoryService;
  analytics: AnalyticsService;
  rateLimiter: RateLimiter;
  /** SMTP from config.smtp; undefined when SMTP_HOST is not set. */
  mailer: Mailer | undefined;
  passwordResetMail: PasswordResetMail;
  jobs: JobService;
  /** This process's job runner; undefined with REDIS_URL (`textai worker` processes run the jobs). */
  jobRunner: JobRunner | undefined;
  /** Whether the database and DATA_DIR take writes (/readyz; failed writes report to it). */
  storageHealth: StorageHealth;
  startedAt: number;
  /** The document text extractor (worker threads), started on first use. */
  documents(): TextExtractor;
  close(): Promise<void>;
}

export interface ServiceDeps {
  config: Config;
  storage: Storage;
  tools: ToolService;
  counters: CounterStore;
  clock?: Clock;
  onBackgroundError?: (error: unknown, context: string) => void;
  /**
   * The database went away or came back for the job runner or the history recorder (once per
   * change for each; their outage errors then skip onBackgroundError).
   */
  onDatabaseChange?: (change: DatabaseChange, work: DatabaseWork) => void;
  /** The storage became unwritable (a fault) or writable again (undefined); called once per change. */
  onStorageChange?: (fault: StorageFault | undefined) => void;
  /** Job runner timing (tests shorten it). */
  jobRunner?: { pollMs?: number; threadIdleMs?: number };
}

/** A runner of this process's own: worker threads over the database's chunk queue. */
export function createJobRunner(
  config: Config,
  storage: Storage,
  clock: Clock,
  options: {
    pollMs?: number;
    threadIdleMs?: number;
    /** Threads when WORKER_CONCURRENCY is 0 (a server keeps a core for requests; a worker uses all). */
    defaultThreads?: number;
    onError?: (error: unknown, context: string) => void;
    onDatabaseChange?: (change: DatabaseChange) => void;
  } = {},
): { runner: JobRunner; executor: ThreadPoolExecutor } {
  const executor = new ThreadPoolExecutor({
    size:
      config.jobs.workerConcurrency > 0
        ? config.jobs.workerConcurrency
        : (options.defaultThreads ?? Math.max(1, availableParallelism() - 1)),
    ...(options.threadIdleMs === undefined ? {} : { idleMs: options.threadIdleMs }),
  });
  const runner = new JobRunner({
    storage,
    executor,
    clock,
    owner: `${process.pid}-${crypto.randomUUID()}`,
    leaseMs: config.jobs.leaseMs,
    pollMs: options.pollMs ?? 2000,
    maxTextChars: config.limits.maxTextChars,
    modelSpecs: modelSpecsOf(config),
    neural: neuralSettingsOf(config),
    ...(options.onError === undefined ? {} : { onError: options.onError }),
    ...(options.onDatabaseChange === undefined ? {} : { onDatabaseChange: options.onDatabaseChange }),
  });
  return { runner, executor };
}

export function createServices(deps: ServiceDeps): Services {
  const { config, storage, tools, counters } = deps;
  const clock = deps.clock ?? systemClock;
  const storageHealth = new StorageHealth({
    storage,
    dataDir: config.dataDir,
    onChange: (fault) => deps.onStorageChange?.(fault),
  });
  // A full or read-only disk fails every write the same way; the change of state is logged once
  // (onStorageChange), not each history batch or job chunk that meets it.
  const onBackgroundError = (error: unknown, context: string) => {
    if (storageHealth.reportFailure(error) === undefined) deps.onBackgroundError?.(error, context);
  };
  // The job runner and the history recorder each report their own view of the database.
  const { onDatabaseChange } = deps;
  const databaseChangesOf = (work: DatabaseWork) =>
    onDatabaseChange && ((change: DatabaseChange) => onDatabaseChange(change, work));
  const jobDatabaseChanges = databaseChangesOf('jobs');
  const hasher = new PasswordHasher(config.auth.bcryptCost, config.auth.hashConcurrency);
  const audit = new AuditService(storage.audit, clock, config.audit.retentionDays);
  const sessions = new SessionService(storage.sessions, clock, config.sessions);
  const throttle = new LoginThrottle(counters, {
    accountFailures: config.auth.loginMaxFailures,
    ipFailures: config.auth.loginIpMaxFailures,
    windowMs: config.auth.loginWindowMs,
    signupsPerIp: config.auth.signupIpLimit,
  });
  const apiKeys = new ApiKeyService(storage.apiKeys, audit, clock);
  const accounts = new AccountService(storage, hasher, sessions, throttle, audit, clock, config, (userId) =>
    apiKeys.forgetUser(userId),
  );
  const mailer = createMailer(config.smtp);
  const passwordResetMail = new PasswordResetMail(mailer, storage.users, accounts, counters, {
    publicUrl: config.publicUrl,
    production: config.appEnv === 'production',
  });
  let extractor: TextExtractor | undefined;
  const documents = () =>
    (extractor ??= createTextExtractor({
      maxBytes: config.limits.maxUploadBytes,
      maxPages: 50,
      timeoutMs: 15_000,
      maxChars: config.limits.maxTextChars,
    }));
  let jobRunner: JobRunner | undefined;
  let executor: ThreadPoolExecutor | undefined;
  let dispatcher: JobDispatcher;
  if (config.redisUrl === undefined) {
    ({ runner: jobRunner, executor } = createJobRunner(config, storage, clock, {
      ...deps.jobRunner,
      onError: onBackgroundError,
      ...(jobDatabaseChanges === undefined ? {} : { onDatabaseChange: jobDatabaseChanges }),
    }));
    jobRunner.start();
    dispatcher = new InlineDispatcher(jobRunner);
  } else {
    dispatcher = new BullDispatcher(config.redisUrl, config.redisPrefix, (error) =>
      deps.onBackgroundError?.(error, 'queueing jobs (Redis)'),
    );
  }
  const jobs = new JobService(storage, clock, config, dispatcher);
  const recorder = new HistoryRecorder(
    storage.history,
    { onError: onBackgroundError, onChange: databaseChangesOf('history') },
    { now: () => clock.now() },
  );
  return {
    config,
    storage,
    clock,
    tools,
    counters,
    hasher,
    audit,
    sessions,
    accounts,
    apiKeys,
    history: new HistoryService(storage.history, recorder, clock, config.history),
    analytics: new AnalyticsService(storage.history, clock),
    rateLimiter: new RateLimiter(counters, config.limits.hourly, config.limits.dailyRows, () => clock.now()),
    mailer,
    passwordResetMail,
    jobs,
    jobRunner,
    storageHealth,
    startedAt: clock.now(),
    documents,
    close: async () => {
      // Reset mails accepted before shutdown go out before storage closes.
      await passwordResetMail.close();
      await extractor?.close();
      // Chunks in hand finish and commit before the threads end and storage closes.
      await jobs.close();
      await executor?.close();
    },
  };
}
