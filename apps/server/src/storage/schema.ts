/**
 * Table shapes as Kysely sees them. Times are epoch milliseconds (BIGINT) and flags are 0/1
 * integers in both dialects, so one query text serves SQLite and PostgreSQL alike.
 */

export type UserTier = 'user' | 'pro' | 'admin';

export interface UsersTable {
  id: string;
  username: string;
  email: string;
  password_hash: string;
  tier: UserTier;
  disabled: number;
  store_inputs: number;
  created_at: number;
  updated_at: number;
  password_changed_at: number;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token: a stolen database does not yield live sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 of the full key; keys are 256-bit random, so a fast hash is enough. */
  key_hash: string;
  prefix: string;
  last4: string;
  /** JSON array of scopes. */
  scopes: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface HistoryTable {
  id: string;
  /** null for guests: their calls count in the admin's analytics but are nobody's history. */
  user_id: string | null;
  tool: string;
  source: string;
  input_excerpt: string | null;
  /** JSON of the result (explanations dropped), or null. */
  result: string | null;
  /** The headline label (sentiment label, fake-news prediction, job-match band) for analytics. */
  label: string | null;
  model_name: string | null;
  model_version: string | null;
  latency_ms: number;
  items: number;
  failed: number;
  created_at: number;
}

export interface AuditTable {
  id: string;
  actor_id: string | null;
  event: string;
  target_id: string | null;
  ip: string | null;
  /** JSON object with event details (never secrets). */
  details: string | null;
  created_at: number;
}

export interface PasswordResetsTable {
  /** SHA-256 of the one-time token. */
  id: string;
  user_id: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: number;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type ChunkStatus = 'pending' | 'running' | 'done';

export interface JobsTable {
  id: string;
  user_id: string;
  tool: string;
  status: JobStatus;
  /** JSON: columns and tool options. */
  options: string;
  input_name: string;
  input_format: string;
  input_bytes: number;
  total_rows: number | null;
  rows_done: number;
  rows_failed: number;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
  /** 1 once the job's one history entry is written (exactly once, whichever process finished it). */
  history_recorded: number;
}

export interface JobChunksTable {
  job_id: string;
  chunk_index: number;
  /** Rows [row_start, row_end) of the input, 0-based, header excluded. */
  row_start: number;
  row_end: number;
  status: ChunkStatus;
  lease_owner: string | null;
  lease_until: number | null;
  rows_failed: number;
  /** The chunk's input rows, parsed once at upload (services/jobs/chunk-codec.ts). */
  input: Uint8Array | null;
  /** The chunk's results, one per input row, written with status 'done' in one transaction. */
  results: Uint8Array | null;
  /** The lease owner that completed it (process id and a random part). */
  done_by: string | null;
  updated_at: number;
}

/**
 * A named lease: who holds it and until when. Scheduled tasks take one per run, so that with several
 * processes each due run happens once; see storage/kysely/leases.ts for the rules.
 */
export interface LeasesTable {
  name: string;
  holder: string;
  /** The holder's claim ends here unless renewed; a holder that died loses it at this time. */
  expires_at: number;
  /** The latest due time claimed under this lease (0 for plain leases). */
  due_at: number;
  /** The latest due time whose run ended (well or not); a claimed but unfinished one may be taken over. */
  finished_due_at: number;
  /** When a run last ended without an error (the newest backup's time, for the backup-age alert). */
  succeeded_at: number | null;
}

/** What the webhook was last told about one kind of alert: the cool-down and "resolved" rest on it. */
export interface AlertStatesTable {
  kind: string;
  /** 1 while the receiver was told the condition holds and has not been told it cleared. */
  firing: number;
  last_sent_at: number | null;
}

/**
 * Each server process's HTTP figures per minute, written by the process itself, so the process that
 * checks alerts sees the whole deployment and not only its own requests.
 */
export interface RequestStatsTable {
  instance: string;
  /** Start of the minute, epoch milliseconds. */
  minute: number;
  requests: number;
  /** Responses with a 5xx status. */
  errors: number;
  /** JSON object: latency bucket upper bound in ms (or "+Inf") → requests in that bucket. */
  latency_buckets: string;
  /** Free space of the process's data folder, in percent, at its last write (null: unknown). */
  disk_free_pct: number | null;
  updated_at: number;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  history: HistoryTable;
  audit_log: AuditTable;
  password_resets: PasswordResetsTable;
  schema_migrations: SchemaMigrationsTable;
  jobs: JobsTable;
  job_chunks: JobChunksTable;
  leases: LeasesTable;
  alert_states: AlertStatesTable;
  request_stats: RequestStatsTable;
}
