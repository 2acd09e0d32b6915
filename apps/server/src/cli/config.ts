import { ConfigError, loadConfig, type Config } from '../config.ts';
import { CliError } from './errors.ts';

/** loadConfig for commands: a configuration problem is a fatal CLI error listing every problem. */
export function loadCliConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}
