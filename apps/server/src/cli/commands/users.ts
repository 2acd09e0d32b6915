import type { Command } from 'commander';
import { findUser, withAccounts } from '../accounts.ts';
import { CliError } from '../errors.ts';
import { readAllText } from '../io/read-stdin.ts';

const TIERS = ['user', 'pro', 'admin'] as const;
type Tier = (typeof TIERS)[number];

function tier(value: string): Tier {
  if (!(TIERS as readonly string[]).includes(value))
    throw new CliError(`tier must be one of: ${TIERS.join(', ')}`);
  return value as Tier;
}

/** `textai users`: create, list, set tiers, disable/enable, and issue password-reset links. */
export function registerUsersCommand(program: Command): void {
  const users = program
    .command('users')
    .description('manage accounts (create, list, tier, disable, reset-password)');

  users
    .command('create')
    .description(
      'create an account; the password comes from --password-stdin, else a random one is printed once',
    )
    .argument('<username>')
    .requiredOption('--email <email>', 'email address')
    .option('--tier <tier>', `one of: ${TIERS.join(', ')}`, 'user')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (username: string, options: { email: string; tier: string; passwordStdin?: boolean }) => {
      const chosen = tier(options.tier);
      const given = options.passwordStdin
        ? (await readAllText(process.stdin)).replace(/\r?\n$/, '')
        : undefined;
      const { randomToken } = await import('../../services/secrets.ts');
      const password = given ?? randomToken(18);
      await withAccounts(async (services) => {
        const user = await services.accounts.createUser(
          { username, email: options.email, password, tier: chosen },
          null,
        );
        process.stdout.write(`created ${user.username} (${user.tier}, id ${user.id})\n`);
        if (given === undefined) process.stdout.write(`one-time password: ${password}\n`);
      });
    });

  users
    .command('list')
    .description('list accounts')
    .option('--search <text>', 'filter by username or email')
    .option('--limit <n>', 'how many', '100')
    .action(async (options: { search?: string; limit: string }) => {
      await withAccounts(async (services) => {
        const page = await services.storage.users.list({
          limit: Number(options.limit),
          offset: 0,
          ...(options.search ? { search: options.search } : {}),
        });
        for (const u of page.items) {
          const state = u.disabled ? 'disabled' : 'active';
          process.stdout.write(
            `${u.username}\t${u.tier}\t${state}\t${u.email}\t${new Date(u.createdAt).toISOString()}\n`,
          );
        }
        process.stdout.write(`${page.items.length} of ${page.total} users\n`);
      });
    });

  users
    .command('set-tier')
    .description('change an account’s tier')
    .argument('<username>')
    .argument('<tier>', TIERS.join(' | '))
    .action(async (username: string, value: string) => {
      const chosen = tier(value);
      await withAccounts(async (services) => {
        const user = await findUser(services, username);
        await services.accounts.setTier(user.id, chosen, null, null);
        process.stdout.write(`${username} is now ${chosen}\n`);
      });
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    users
      .command(name)
      .description(
        disabled ? 'disable an account: ends its sessions and stops its API keys' : 're-enable an account',
      )
      .argument('<username>')
      .action(async (username: string) => {
        await withAccounts(async (services) => {
          const user = await findUser(services, username);
          await services.accounts.setDisabled(user.id, disabled, null, null);
          process.stdout.write(`${username} ${disabled ? 'disabled' : 'enabled'}\n`);
        });
      });
  }

  users
    .command('reset-password')
    .description('print a one-time password-reset link (valid 24 hours) to hand to the user')
    .argument('<username>')
    .action(async (username: string) => {
      await withAccounts(async (services, config) => {
        const user = await findUser(services, username);
        const { token, expiresAt } = await services.accounts.issueReset(user.id, null, null);
        const base = (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/$/, '');
        process.stdout.write(
          `${base}/reset-password#token=${token}\n(expires ${new Date(expiresAt).toISOString()})\n`,
        );
      });
    });
}
