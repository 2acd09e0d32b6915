import type { Command } from 'commander';
import { loadCliConfig } from '../config.ts';
import { CliError } from '../errors.ts';

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
      const [{ startServer }, { ConfigError }] = await Promise.all([
        import('../../server.ts'),
        import('../../config.ts'),
      ]);
      try {
        await startServer(config, { handleSignals: true });
      } catch (error) {
        if (error instanceof ConfigError) throw new CliError(error.message);
        throw error;
      }
      // The server keeps the process alive; main returns and the event loop carries on.
    });
}
