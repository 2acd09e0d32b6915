/**
 * Whether a write failed on a unique index, in either dialect (SQLite's extended result code from
 * better-sqlite3, PostgreSQL's SQLSTATE 23505) — as opposed to any other failure of the write.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
