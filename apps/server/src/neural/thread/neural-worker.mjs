// Entry point of the neural inference thread: registers tsx in the thread (a worker starts without
// the parent's loader hooks; see services/jobs/executor/chunk-worker.mjs), then loads the body.
import { existsSync } from 'node:fs';
import { URL, fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const tsconfig = fileURLToPath(new URL('../../../../../tsconfig.json', import.meta.url));
register({ tsconfig: existsSync(tsconfig) ? tsconfig : false });

await import('./neural-worker.ts');
