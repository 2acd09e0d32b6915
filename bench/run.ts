/** `npm run bench`: every benchmark, figures printed beside their targets. Never fails on speed. */
import { printTable } from './report.ts';
import { runJobMatchBenchmark } from './job-match.ts';
import { runJobsBenchmark } from './jobs.ts';
import { runLanguageIdBenchmark } from './language-id.ts';
import { runNlpBenchmark } from './nlp.ts';
import { runServerBenchmark } from './server.ts';
import { runSummarizeBenchmark } from './summarize.ts';

printTable('NLP core (one core)', await runNlpBenchmark());
printTable(
  'Language identifier (fresh processes for memory; one core for speed)',
  await runLanguageIdBenchmark(),
);
printTable('Job match (one core)', await runJobMatchBenchmark());
printTable('Summarizer (one core)', await runSummarizeBenchmark());
printTable('Server (loopback, 2 cores shared by load generator and server)', await runServerBenchmark());
printTable('Batch jobs (loopback, real processes)', await runJobsBenchmark());
