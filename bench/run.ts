/** `npm run bench`: every benchmark, figures printed beside their targets. Never fails on speed. */
import { printTable } from './report.ts';
import { runNlpBenchmark } from './nlp.ts';

printTable('NLP core (one core)', await runNlpBenchmark());
