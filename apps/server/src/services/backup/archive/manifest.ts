import { z } from 'zod';
import { BackupError } from '../errors.ts';
import type { BackupManifest } from '../types.ts';

/**
 * manifest.json, the first entry of every archive (snake_case on disk, like the API). Entry names
 * are checked here, once, so that no later step can be led outside its folder by a crafted name.
 */
export const MANIFEST_ENTRY = 'manifest.json';
export const MANIFEST_FORMAT_VERSION = 1;
/** A manifest lists files, not data: anything larger is not one of ours. */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

const SAFE_SEGMENT = /^(?!\.{1,2}$)[^/\\\0]+$/;

const entryName = z
  .string()
  .max(4096)
  .refine(
    (name) =>
      /^(database|data)\//.test(name) &&
      name
        .split('/')
        .slice(1)
        .every((s) => SAFE_SEGMENT.test(s)),
    'must be database/… or data/… with plain path segments',
  );

const manifestSchema = z.object({
  format: z.literal('textai-backup'),
  format_version: z.literal(MANIFEST_FORMAT_VERSION),
  app_version: z.string().max(100),
  created_at: z.number().int().nonnegative(),
  database: z.object({
    kind: z.enum(['sqlite', 'postgres']),
    schema_version: z.number().int().nonnegative(),
    entry: entryName,
    row_counts: z.record(z.string().max(200), z.number().int().nonnegative()),
  }),
  entries: z
    .array(
      z.object({
        name: entryName,
        bytes: z.number().int().nonnegative(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .min(1),
});

export function encodeManifest(manifest: Omit<BackupManifest, 'encrypted' | 'formatVersion'>): Buffer {
  const json: z.input<typeof manifestSchema> = {
    format: 'textai-backup',
    format_version: MANIFEST_FORMAT_VERSION,
    app_version: manifest.appVersion,
    created_at: manifest.createdAt,
    database: {
      kind: manifest.database.kind,
      schema_version: manifest.database.schemaVersion,
      entry: manifest.database.entry,
      row_counts: manifest.database.rowCounts,
    },
    entries: manifest.entries,
  };
  return Buffer.from(`${JSON.stringify(json, null, 2)}\n`, 'utf8');
}

export function decodeManifest(bytes: Buffer, encrypted: boolean): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BackupError('corrupted', 'the backup’s manifest is not valid JSON');
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    throw new BackupError(
      'corrupted',
      `the backup’s manifest is not valid (${problem?.path.join('.') ?? ''}: ${problem?.message ?? ''})`,
    );
  }
  const m = parsed.data;
  const names = m.entries.map((e) => e.name);
  const dataOnly = names.slice(1).every((name) => name.startsWith('data/'));
  const databaseFirst = m.database.entry.startsWith('database/') && names[0] === m.database.entry;
  if (!databaseFirst || !dataOnly || new Set(names).size !== names.length)
    throw new BackupError('corrupted', 'the backup’s manifest is not valid (entries)');
  return {
    formatVersion: m.format_version,
    appVersion: m.app_version,
    createdAt: m.created_at,
    encrypted,
    database: {
      kind: m.database.kind,
      schemaVersion: m.database.schema_version,
      entry: m.database.entry,
      rowCounts: m.database.row_counts,
    },
    entries: m.entries,
  };
}
