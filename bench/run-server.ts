/** `npm run bench:server`: the server benchmark alone (it is also part of `npm run bench`). */
import { printTable } from './report.ts';
import { runServerBenchmark } from './server.ts';

printTable(`Server (loopback)`, await runServerBenchmark());
