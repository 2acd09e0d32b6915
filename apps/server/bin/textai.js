#!/usr/bin/env node
// The `textai` command. The CLI is TypeScript run through tsx's loader hooks, so the repository
// works right after `npm install` with no build step. Pointing tsx at the repository's tsconfig
// (not whatever tsconfig.json the caller's working directory has) keeps the transform the same
// from any directory.
import { existsSync } from 'node:fs';
import { URL, fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const tsconfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
register({ tsconfig: existsSync(tsconfig) ? tsconfig : false });

const { main } = await import('../src/cli/main.ts');
await main(process.argv);
