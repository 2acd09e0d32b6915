import { existsSync } from 'node:fs';

/** OWNER/NAME as the hub spells model ids (letters, digits, `-`, `_`, `.`). */
const MODEL_ID = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/;

/** The built-in format's file names (core's model files), never hub ids. */
const BUILTIN_FILE = /\.(taim|json|json\.gz|bin)$/;

/**
 * Whether a *_MODEL setting names a neural model: not `builtin`, not a file in the built-in format
 * (a path that exists wins, and so does a built-in file name, so that a mistyped `models/x.taim`
 * is reported as a missing file, not as a model to pull), and shaped like a hub id.
 */
export function isNeuralModelSpec(spec: string): boolean {
  return spec !== 'builtin' && MODEL_ID.test(spec) && !BUILTIN_FILE.test(spec) && !existsSync(spec);
}

export function assertModelId(id: string): void {
  if (!MODEL_ID.test(id) || id.split('/').some((part) => part === '.' || part === '..')) {
    throw new Error(`"${id}" is not a model id (expected OWNER/NAME, e.g. Xenova/bert-base-uncased)`);
  }
}
