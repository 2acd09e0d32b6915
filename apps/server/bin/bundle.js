// Whether apps/server/dist holds a bundle built from the sources as they are now (see
// scripts/build-server.mjs). The bundle records a hash of every source file it was built from;
// one file changed, added to the import graph through a changed file, or missing means "no", and
// the CLI runs from source instead. Hashing the ~330 files costs under 10 ms per start (7.6 ms measured),
// against about a second saved by not transforming them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

function matchesSources(bundleDir) {
  let info;
  try {
    info = JSON.parse(readFileSync(path.join(bundleDir, 'build-info.json'), 'utf8'));
  } catch {
    return false;
  }
  if (!Array.isArray(info.files) || info.files.length === 0) return false;
  return info.files.every(({ path: relative, sha256 }) => {
    try {
      const contents = readFileSync(path.resolve(bundleDir, relative));
      return createHash('sha256').update(contents).digest('hex') === sha256;
    } catch {
      return false;
    }
  });
}

/**
 * The URL of the bundled CLI when it may be used, else undefined. TEXTAI_RUN_FROM=source always
 * runs the sources (for working on the server); TEXTAI_RUN_FROM=bundle skips the check.
 */
export function usableBundle(runFrom = process.env.TEXTAI_RUN_FROM, bundleDir = DIST) {
  if (runFrom === 'source') return undefined;
  if (runFrom !== 'bundle' && !matchesSources(bundleDir)) return undefined;
  return pathToFileURL(path.join(bundleDir, 'textai.mjs')).href;
}
