import type { Command } from 'commander';
import { loadCliConfig } from '../config.ts';
import { startOrExplain } from '../startup-errors.ts';

/** `textai serve`: the HTTP server (what `npm start` runs). */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the web UI and API server (HOST, PORT, DATABASE_URL, … from the environment or .env)')
    .option('--port <port>', 'override PORT')
    .option('--host <host>', 'override HOST')
    .action(async (options: { port?: string; host?: string }) => {
      const config = loadCliConfig();
      if (options.port !== undefined) config.port = Number(options.port);
      if (options.host !== undefined) config.host = options.host;
      const { startServer } = await import('../../server.ts');
      await startOrExplain(config, () => startServer(config, { handleSignals: true }));
      // The server keeps the process alive; main returns and the event loop carries on.
    });
}
