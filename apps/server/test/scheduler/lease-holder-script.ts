// A process that takes a scheduled task's lease and then hangs inside the run, as a process does
// when it is killed mid-backup: the test kills it and watches another process take the run over.
// Env: DATABASE_URL (sqlite:PATH or postgres://…), LEASE_MS.
import { loadConfig } from '../../src/config.ts';
import { Scheduler } from '../../src/services/scheduler/scheduler.ts';
import { openStorage } from '../../src/storage/index.ts';
import { HOLDER_TASK } from './holder-task.ts';

const config = loadConfig({ APP_ENV: 'test', DATABASE_URL: process.env['DATABASE_URL'] });
const storage = openStorage(config.database);
await storage.migrate();
const quiet = () => undefined;
const scheduler = new Scheduler({
  leases: storage.leases,
  log: { debug: quiet, warn: quiet, error: quiet },
  holder: 'doomed',
  leaseMs: Number(process.env['LEASE_MS']),
});
scheduler.add({
  ...HOLDER_TASK,
  run: (dueAt) => {
    process.stdout.write(`running ${dueAt}\n`);
    // Never ends; its timer keeps the process alive until the test kills it.
    return new Promise<void>(() => setInterval(() => undefined, 60_000));
  },
});
scheduler.start();
