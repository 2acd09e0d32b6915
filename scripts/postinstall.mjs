/* global URL, process */
// After `npm install`/`npm ci`: bundles the server (scripts/build-server.mjs; see there for why)
// and builds the web app, which is what makes `npm start` serve the UI on a fresh clone. A
// production install (`npm ci --omit=dev`) has no Vite: it skips the web build instead of failing,
// since such installs copy in an apps/web/dist built elsewhere (deploy/Dockerfile). A failed server
// bundle is not fatal either: the CLI then runs from source, as it does whenever the bundle does
// not match the sources.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { buildServer } from './build-server.mjs';

try {
  const { workers } = await buildServer();
  process.stdout.write(
    `postinstall: server bundled in apps/server/dist (${workers.length} worker entries).\n`,
  );
} catch (error) {
  process.stdout.write(
    `postinstall: the server was not bundled (${error.message}); it will run from source.\n`,
  );
}

const requireFromWeb = createRequire(new URL('../apps/web/package.json', import.meta.url));
try {
  requireFromWeb.resolve('vite/package.json');
} catch {
  process.stdout.write(
    'postinstall: Vite is not installed (production install); the web app is not built.\n',
  );
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const build = spawnSync(npm, ['run', 'build', '-w', '@textai/web'], { stdio: 'inherit' });
process.exit(build.status ?? 1);
