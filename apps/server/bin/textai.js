#!/usr/bin/env node
// The `textai` command. It runs the bundle in ../dist (built by `npm install` and
// `npm run build:server`) when that bundle was built from the current sources, and otherwise the
// TypeScript sources through tsx's loader hooks, so the repository works with no build step and an
// edit takes effect at once. Pointing tsx at the repository's tsconfig (not whatever tsconfig.json
// the caller's working directory has) keeps the transform the same from any directory.
import { existsSync } from 'node:fs';
import { URL, fileURLToPath } from 'node:url';
import { usableBundle } from './bundle.js';

const bundle = usableBundle();
let main;
if (bundle === undefined) {
  const { register } = await import('tsx/esm/api');
  const tsconfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
  register({ tsconfig: existsSync(tsconfig) ? tsconfig : false });
  ({ main } = await import('../src/cli/main.ts'));
} else {
  ({ main } = await import(bundle));
}
await main(process.argv);
