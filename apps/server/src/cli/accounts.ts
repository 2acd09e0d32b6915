import type { Config } from '../config.ts';
import type { Services } from '../services/container.ts';
import type { OpenedStorage } from '../storage/index.ts';
import { loadCliConfig } from './config.ts';
import { CliError } from './errors.ts';

/** Opens storage and the account services for one command, and closes them after. */
export async function withAccounts<T>(work: (services: Services, config: Config) => Promise<T>): Promise<T> {
  const config = loadCliConfig();
  const [{ openStorage }, { createServices }, { ToolService }, { MemoryCounterStore }, { AppError }] =
    await Promise.all([
      import('../storage/index.ts'),
      import('../services/container.ts'),
      import('../services/tools/tool-service.ts'),
      import('../services/limits/counter-store.ts'),
      import('../services/errors.ts'),
    ]);
  const storage: OpenedStorage = openStorage(config.database);
  const counters = new MemoryCounterStore();
  try {
    await storage.migrate();
    const services = createServices({
      config,
      storage,
      counters,
      tools: new ToolService(config.limits.maxTextChars),
    });
    return await work(services, config);
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message);
    throw error;
  } finally {
    await counters.close();
    await storage.close();
  }
}

export async function findUser(services: Services, username: string) {
  const user = await services.storage.users.findByUsername(username);
  if (!user) throw new CliError(`no user named "${username}"`);
  return user;
}
