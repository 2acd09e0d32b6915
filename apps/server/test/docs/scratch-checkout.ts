import { existsSync, readdirSync, symlinkSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../cli/helpers.ts';

/** What a scratch checkout must not share with the real one: state that commands write. */
const NOT_SHARED = new Set(['.git', '.env', 'data', 'build', 'reports', 'coverage']);

export interface ScratchCheckout {
  /** Where commands run: looks like the repository root. */
  dir: string;
  remove(): Promise<void>;
}

/**
 * A folder that looks like the repository root to a command typed there — the sources,
 * node_modules, package.json and the other top-level entries are symbolic links to the real ones —
 * but has its own .env, data/ and build/, so commands that write (a .env, the SQLite database,
 * backups, reports, outputs) write into a temporary folder and the checkout is left as it was.
 * `../shared` (the datasets beside the checkout) is linked too when it exists.
 */
export async function scratchCheckout(): Promise<ScratchCheckout> {
  const parent = await mkdtemp(path.join(tmpdir(), 'textai-docs-'));
  const dir = path.join(parent, 'main');
  await mkdir(dir);
  for (const name of readdirSync(REPO_ROOT)) {
    if (!NOT_SHARED.has(name)) symlinkSync(path.join(REPO_ROOT, name), path.join(dir, name));
  }
  const shared = path.join(REPO_ROOT, '..', 'shared');
  if (existsSync(shared)) symlinkSync(shared, path.join(parent, 'shared'));
  return { dir, remove: () => rm(parent, { recursive: true, force: true }) };
}
