import type { UserTier } from './schema.ts';

/**
 * What the services need from storage, in domain terms. One interface; the Kysely implementation
 * in ./kysely serves both SQLite and PostgreSQL, with dialect specifics in ./sqlite and ./postgres.
 */

export type { UserTier };

export interface User {
  id: string;
  username: string;
  email: string;
  tier: UserTier;
  disabled: boolean;
  storeInputs: boolean;
  createdAt: number;
  passwordChangedAt: number;
}

export interface UserWithSecret extends User {
  passwordHash: string;
}

export interface NewUser {
  username: string;
  email: string;
  passwordHash: string;
  tier: UserTier;
}

export interface UserPatch {
  email?: string;
  tier?: UserTier;
  disabled?: boolean;
  storeInputs?: boolean;
  passwordHash?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface PageRequest {
  limit: number;
  offset: number;
}

export interface UserRepository {
  create(user: NewUser, now: number): Promise<User>;
  findById(id: string): Promise<UserWithSecret | undefined>;
  findByUsername(username: string): Promise<UserWithSecret | undefined>;
  /** Accounts with this email, compared case-insensitively (emails are not unique), oldest first. */
  findByEmail(email: string, limit: number): Promise<User[]>;
  list(query: PageRequest & { search?: string }): Promise<Page<User>>;
  update(id: string, patch: UserPatch, now: number): Promise<User | undefined>;
  delete(id: string): Promise<boolean>;
  count(): Promise<number>;
}

export interface Session {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export interface NewSession extends Session {
  ip: string | null;
  userAgent: string | null;
}

export interface SessionRepository {
  create(session: NewSession): Promise<void>;
  /** The session and its user, or undefined. */
  find(id: string): Promise<{ session: Session; user: User } | undefined>;
  touch(id: string, lastSeenAt: number): Promise<void>;
  delete(id: string): Promise<void>;
  /** Ends every session of a user but `exceptId`; returns how many ended. */
  deleteForUser(userId: string, exceptId?: string): Promise<number>;
  deleteExpired(idleCutoff: number, now: number): Promise<number>;
  countForUser(userId: string): Promise<number>;
}

export const API_KEY_SCOPES = ['tools', 'batch', 'history'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface ApiKey {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  last4: string;
  scopes: ApiKeyScope[];
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface ApiKeyRepository {
  create(key: ApiKey & { keyHash: string }): Promise<void>;
  findByHash(keyHash: string): Promise<{ key: ApiKey; user: User } | undefined>;
  listForUser(userId: string): Promise<ApiKey[]>;
  revoke(id: string, userId: string, now: number): Promise<boolean>;
  touch(id: string, now: number): Promise<void>;
}

export type HistorySource = 'ui' | 'api' | 'batch' | 'job';

export interface HistoryEntry {
  id: string;
  userId: string | null;
  tool: string;
  source: HistorySource;
  inputExcerpt: string | null;
  result: unknown;
  label: string | null;
  modelName: string | null;
  modelVersion: string | null;
  latencyMs: number;
  items: number;
  failed: number;
  createdAt: number;
}

export interface HistoryQuery extends PageRequest {
  tool?: string;
  from?: number;
  to?: number;
  search?: string;
}

/** Calls of one tool in one time bucket (bucket = floor(created_at / bucketMs)). */
export interface UsageBucket {
  tool: string;
  bucket: number;
  calls: number;
  items: number;
  /** Items that ended in an error (a batch's failed rows; a single call is one item). */
  failed: number;
  /** Summed over the calls a client waited for (every source but 'job'), `latencyCalls` of them. */
  latencyMs: number;
  latencyCalls: number;
}

/** All of a user's (or everyone's) calls; latency as in UsageBucket. */
export interface UsageTotals {
  calls: number;
  items: number;
  latencyMs: number;
  latencyCalls: number;
}

export interface LabelCount {
  tool: string;
  label: string;
  count: number;
}

export interface HistoryRepository {
  insert(entry: HistoryEntry): Promise<void>;
  insertMany(entries: readonly HistoryEntry[]): Promise<void>;
  list(userId: string, query: HistoryQuery): Promise<Page<HistoryEntry>>;
  get(userId: string, id: string): Promise<HistoryEntry | undefined>;
  delete(userId: string, id: string): Promise<boolean>;
  deleteAll(userId: string): Promise<number>;
  purgeOlderThan(cutoff: number): Promise<number>;
  /** Usage per tool and time bucket since `from`; userId null = everyone, guests included. */
  usage(userId: string | null, from: number, bucketMs: number): Promise<UsageBucket[]>;
  totals(userId: string | null): Promise<UsageTotals>;
  labels(userId: string | null, from: number): Promise<LabelCount[]>;
  /** Error rate input for the admin's stats: calls and failed items since `from`. */
  failures(from: number): Promise<{ items: number; failed: number }>;
}

export interface AuditEvent {
  id: string;
  actorId: string | null;
  event: string;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
  createdAt: number;
}

export interface AuditRepository {
  insert(event: AuditEvent): Promise<void>;
  list(query: PageRequest & { event?: string; actorId?: string }): Promise<Page<AuditEvent>>;
  listForUser(userId: string): Promise<AuditEvent[]>;
  /** Deletes entries recorded before `cutoff`; returns how many. */
  purgeOlderThan(cutoff: number): Promise<number>;
}

export interface PasswordResetRepository {
  create(reset: {
    id: string;
    userId: string;
    createdBy: string | null;
    createdAt: number;
    expiresAt: number;
  }): Promise<void>;
  /** The user of an unused, unexpired reset, without using it; else undefined. */
  find(id: string, now: number): Promise<string | undefined>;
  /** Marks an unused, unexpired reset used and returns its user, atomically; else undefined. */
  consume(id: string, now: number): Promise<string | undefined>;
  /** Deletes resets that can no longer be used: used ones, and those expired by `now`. */
  purgeSpent(now: number): Promise<number>;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface Job {
  id: string;
  userId: string;
  tool: string;
  status: JobStatus;
  options: Record<string, unknown>;
  inputName: string;
  inputFormat: string;
  inputBytes: number;
  totalRows: number | null;
  rowsDone: number;
  rowsFailed: number;
  error: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  updatedAt: number;
}

/** A chunk a worker holds: rows [rowStart, rowEnd) of a job's input, until `leaseUntil`. */
export interface ChunkLease {
  jobId: string;
  chunkIndex: number;
  rowStart: number;
  rowEnd: number;
  owner: string;
  leaseUntil: number;
}

/** A chunk as the upload stores it: its rows, parsed and encoded once (see services/jobs/chunk-codec.ts). */
export interface NewChunk {
  index: number;
  rowStart: number;
  rowEnd: number;
  input: Uint8Array;
}

/** A finished chunk, for the download: its input rows and their results, in the same order. */
export interface StoredChunk {
  index: number;
  input: Uint8Array;
  results: Uint8Array;
}

/** What completing a chunk did: it finished the job, it was one more chunk, or the lease was lost. */
export type ChunkCompletion = 'finished' | 'progress' | 'lost';

export interface JobRepository {
  /** Inserts a job whose chunks are still being stored: no worker takes it before `seal`. */
  create(job: Job): Promise<void>;
  /** Stores chunks with their input rows (one statement). */
  addChunks(jobId: string, chunks: readonly NewChunk[], now: number): Promise<void>;
  /** Every chunk is stored: records the row count and lets workers take the job (done at once if empty). */
  seal(jobId: string, totalRows: number, now: number): Promise<void>;
  get(userId: string, id: string): Promise<Job | undefined>;
  getById(id: string): Promise<Job | undefined>;
  list(userId: string, page: PageRequest): Promise<Page<Job>>;
  /**
   * Takes one pending chunk (or one whose lease has run out) of a sealed, queued or running job, for
   * `owner` until now + leaseMs. Two claimers never get the same chunk.
   */
  claimChunk(owner: string, now: number, leaseMs: number, jobId?: string): Promise<ChunkLease | undefined>;
  /** The input rows of a chunk. */
  chunkInput(jobId: string, chunkIndex: number): Promise<Uint8Array | undefined>;
  /**
   * Stores a chunk's results and marks it done, with the job's progress, in one transaction — only
   * if `owner` still holds the lease ('lost' when it does not: its work is discarded).
   */
  completeChunk(
    lease: ChunkLease,
    results: Uint8Array,
    rowsFailed: number,
    now: number,
  ): Promise<ChunkCompletion>;
  /** Hands a held chunk back (a worker stopping on SIGTERM, or a chunk that could not be run). */
  releaseChunk(lease: ChunkLease, now: number): Promise<void>;
  /**
   * Moves a held chunk's lease on to `until` (a chunk that waited for a thread starts with a whole
   * lease); false when `owner` no longer holds it.
   */
  extendLease(lease: ChunkLease, until: number, now: number): Promise<boolean>;
  /** Every chunk's state and who completed it, in order (operators' view; tests). */
  chunkStates(jobId: string): Promise<{ index: number; status: string; doneBy: string | null }[]>;
  /** Finished chunks in order with their inputs, one at a time, for the download. */
  chunks(jobId: string): AsyncGenerator<StoredChunk>;
  setStatus(jobId: string, status: JobStatus, now: number, error?: string): Promise<void>;
  cancel(userId: string, id: string, now: number): Promise<boolean>;
  delete(userId: string, id: string): Promise<boolean>;
  /** Deletes jobs finished before `cutoff`, and uploads never sealed since `abandonedBefore`. */
  purge(cutoff: number, abandonedBefore: number): Promise<number>;
  /** Rows not yet done across queued and running jobs (the queue depth). */
  pendingRows(): Promise<number>;
  /** Jobs queued or running, for the admin's stats. */
  activeCount(): Promise<number>;
  /**
   * Chunks of the job held under a lease still running at `now`: a cancelled or failed job's
   * chunks in hand still commit their rows after it ended.
   */
  chunksInHand(jobId: string, now: number): Promise<number>;
  /** Marks a finished job's history entry as written; false when it already was. */
  markHistoryRecorded(jobId: string): Promise<boolean>;
  /** Finished jobs whose history entry is not written yet (a process stopped in between). */
  unrecorded(limit: number): Promise<Job[]>;
}

/** A named lease as stored (operators' view; tests). */
export interface Lease {
  name: string;
  holder: string;
  expiresAt: number;
  dueAt: number;
  finishedDueAt: number;
  succeededAt: number | null;
}

export interface LeaseClaim {
  name: string;
  holder: string;
  now: number;
  ttlMs: number;
  /**
   * For a scheduled run: the due time it is for. The claim then also needs this due time not to have
   * been claimed yet — or claimed by a holder whose lease ran out before the run ended (it died) —
   * so each due time runs once however many processes reach for it.
   */
  dueAt?: number;
}

/**
 * Named leases in the database: a holder takes one when it is free, has run out or is already its
 * own, atomically (one conditional statement), so two processes never both hold it.
 */
export interface LeaseRepository {
  /** True when `holder` holds the lease until now + ttlMs after this call. */
  acquire(claim: LeaseClaim): Promise<boolean>;
  /** Extends the holder's lease; false when it is no longer the holder (another took it over). */
  renew(name: string, holder: string, now: number, ttlMs: number): Promise<boolean>;
  /**
   * Frees the holder's lease; with `finishedDueAt`, records that run as ended, and with
   * `succeededAt`, as ended well. Does nothing when `holder` no longer holds it.
   */
  release(name: string, holder: string, run?: { finishedDueAt: number; succeededAt?: number }): Promise<void>;
  get(name: string): Promise<Lease | undefined>;
}

export type AlertStatus = 'firing' | 'resolved';

export interface AlertState {
  kind: string;
  /** The receiver was last told this alert fires (and not yet that it cleared). */
  firing: boolean;
  lastSentAt: number | null;
}

export interface AlertStateRepository {
  get(kind: string): Promise<AlertState | undefined>;
  /** Records a notification that reached the receiver. */
  recordSent(kind: string, status: AlertStatus, at: number): Promise<void>;
}

/** One process's HTTP figures for one minute. */
export interface RequestStatsSample {
  instance: string;
  minute: number;
  requests: number;
  errors: number;
  /** Latency bucket upper bound in ms ("+Inf" for the rest) → requests in that bucket. */
  latencyBuckets: Record<string, number>;
  diskFreePct: number | null;
}

export interface RequestStatsRepository {
  /** Writes a process's figures for a minute (replacing what it wrote for that minute before). */
  save(samples: readonly RequestStatsSample[], now: number): Promise<void>;
  /** Every process's figures for the minutes from `fromMinute` on. */
  since(fromMinute: number): Promise<RequestStatsSample[]>;
  deleteBefore(minute: number): Promise<number>;
}

export interface Repositories {
  users: UserRepository;
  sessions: SessionRepository;
  apiKeys: ApiKeyRepository;
  history: HistoryRepository;
  audit: AuditRepository;
  passwordResets: PasswordResetRepository;
  jobs: JobRepository;
  leases: LeaseRepository;
  alertStates: AlertStateRepository;
  requestStats: RequestStatsRepository;
}

export interface Storage extends Repositories {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `work` in one transaction: all its writes land, or none do. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  /**
   * Writes a row and deletes it in one committed transaction, so the write reaches the database's
   * files (a rolled-back one would not notice a full disk) and leaves nothing behind; throws
   * what the database throws when it cannot write.
   */
  probeWrite(): Promise<void>;
  /** Size of the database in bytes, when the dialect can tell. */
  sizeBytes(): Promise<number | null>;
  close(): Promise<void>;
}
