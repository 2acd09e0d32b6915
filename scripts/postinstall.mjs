/* global URL, process */
// Builds the web app after `npm install`/`npm ci`, which is what makes `npm start` serve the UI
// on a fresh clone. A production install (`npm ci --omit=dev`) has no Vite: it skips the build
// instead of failing, since such installs copy in an apps/web/dist built elsewhere (deploy/Dockerfile).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

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
