/** A consistent copy of the database, taken online, and what it holds. */
export interface DatabaseSnapshot {
  /** Highest applied migration, or null when the database was never migrated. */
  schemaVersion: number | null;
  rowCounts: Record<string, number>;
}
