import type { Kysely } from 'kysely';
import * as initial from './0001-initial.ts';
import * as jobs from './0002-jobs.ts';
import * as chunkInputs from './0003-chunk-inputs.ts';
import * as scheduling from './0004-scheduling.ts';

export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void>;
}

/** Numbered, append-only: a shipped migration is never edited, a change is a new number. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: initial.up },
  { version: 2, name: 'jobs', up: jobs.up },
  { version: 3, name: 'chunk-inputs', up: chunkInputs.up },
  { version: 4, name: 'scheduling', up: scheduling.up },
];
