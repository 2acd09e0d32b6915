import { ConfigError, type Config } from './config.ts';
import { AppError } from './services/errors.ts';
import type { AccountService } from './services/accounts/account-service.ts';
import type { Storage } from './storage/repositories.ts';
import { randomToken } from './services/secrets.ts';

/**
 * The first admin. With ADMIN_PASSWORD set, the account is created with it (once). Without it, in
 * development only, a random password is generated and printed once to the terminal — never to the
 * log file. Production creates no admin without ADMIN_PASSWORD (the operator runs `textai users
 * create`; `textai doctor` warns); config.ts refuses a weak one before anything starts.
 */
export async function ensureAdmin(
  config: Config,
  storage: Storage,
  accounts: AccountService,
  announce: (message: string) => void,
): Promise<void> {
  const username = config.admin.username;
  if (await storage.users.findByUsername(username)) return;
  let password = config.admin.password;
  if (password === undefined) {
    if (config.appEnv === 'production') return;
    password = randomToken(18);
    announce(
      `\nCreated the admin account "${username}" with the one-time password:\n\n    ${password}\n\n` +
        'Log in and change it, or set ADMIN_PASSWORD before the first start.\n\n',
    );
  }
  try {
    await accounts.createUser({ username, email: `${username}@localhost`, password, tier: 'admin' }, null);
  } catch (error) {
    if (error instanceof AppError) throw new ConfigError([`ADMIN_PASSWORD: ${error.message}`]);
    throw error;
  }
}
