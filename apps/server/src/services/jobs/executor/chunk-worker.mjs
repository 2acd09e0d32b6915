// Entry point of a job worker thread: registers tsx in the thread (a worker starts without the
// parent's loader hooks; see services/documents/extract-worker.mjs), then loads the TypeScript body.
import { existsSync } from 'node:fs';
import { URL, fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const tsconfig = fileURLToPath(new URL('../../../../../../tsconfig.json', import.meta.url));
register({ tsconfig: existsSync(tsconfig) ? tsconfig : false });

await import('./chunk-worker.ts');
