/** What `createBackup` wrote. */
export interface BackupResult {
  /** Absolute path of the backup file. */
  file: string;
  bytes: number;
  /** Epoch milliseconds; also encoded in the file name (retention reads it from there). */
  createdAt: number;
  /** false only outside production when BACKUP_KEY is unset (the file is then integrity-checked only). */
  encrypted: boolean;
}

/** A backup file found in a folder by its name. */
export interface BackupInfo {
  file: string;
  createdAt: number;
  bytes: number;
}

/** One file inside a backup: the database dump first, then the data folder's files. */
export interface BackupEntry {
  /** Path inside the archive: `database/...` or `data/<path relative to DATA_DIR>`. */
  name: string;
  bytes: number;
  /** Lowercase hex SHA-256 of the entry's content. */
  sha256: string;
}

/** The manifest stored first in every backup, as verification and restore report it. */
export interface BackupManifest {
  formatVersion: number;
  /** Version of the TextAI Studio server that wrote it. */
  appVersion: string;
  createdAt: number;
  /** From the file header rather than the manifest: whether the file is AES-256-GCM encrypted. */
  encrypted: boolean;
  database: {
    kind: 'sqlite' | 'postgres';
    /** Highest applied migration number at the time of the snapshot. */
    schemaVersion: number;
    /** Archive entry holding the database (SQLite file or pg_dump custom-format dump). */
    entry: string;
    /** Rows per table in the snapshot; restore checks the restored database against them. */
    rowCounts: Record<string, number>;
  };
  entries: BackupEntry[];
}

/** Where `restoreBackup` puts things. */
export interface RestoreTarget {
  /** Must not exist or be an empty folder. */
  dataDir: string;
  /**
   * PostgreSQL backups: the URL of an empty database (required). SQLite backups: optionally
   * `sqlite:PATH` for a database file outside dataDir (default dataDir/textai.db).
   */
  databaseUrl?: string;
}
