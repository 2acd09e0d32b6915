// Entry point of a document worker thread. The server's code is TypeScript run through tsx, and a
// worker thread starts with no loader hooks of its own: the CLI registers tsx with register() in
// the main thread only, and under Vitest the main thread's transform does not reach workers at all.
// So this plain-JS file registers tsx in the worker (with the repository's tsconfig, as bin/textai.js
// does), then loads the TypeScript worker body. It is started with an empty execArgv, so a parent
// run as `node --import tsx` does not register tsx a second time here.
import { existsSync } from 'node:fs';
import { URL, fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const tsconfig = fileURLToPath(new URL('../../../../../tsconfig.json', import.meta.url));
register({ tsconfig: existsSync(tsconfig) ? tsconfig : false });

await import('./extract-worker.ts');
