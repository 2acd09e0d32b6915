/** `npm run bench:jobs`: the batch-job benchmark alone (it is also part of `npm run bench`). */
import { runJobsBenchmark } from './jobs.ts';
import { printTable } from './report.ts';

printTable('Batch jobs (loopback, real processes)', await runJobsBenchmark());
