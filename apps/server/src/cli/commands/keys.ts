import type { Command } from 'commander';
import { findUser, withAccounts } from '../accounts.ts';
import { CliError } from '../errors.ts';

const iso = (time: number | null) => (time === null ? '-' : new Date(time).toISOString());

/**
 * `textai keys`: API keys for an account from the server's shell — for scripts and service accounts
 * set up before anyone logs in, and to revoke a leaked key at once. The same rules as the HTTP API
 * (its request schema validates the options); the full key is printed once and never stored.
 */
export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('manage an account’s API keys (create, list, revoke)');

  keys
    .command('create')
    .description('create an API key for an account and print it once')
    .argument('<username>')
    .requiredOption('--name <name>', 'what the key is for (1–100 characters)')
    .option('--expires-days <days>', 'days until it expires (1–3650; default: never)')
    .option('--scopes <list>', 'comma-separated: tools, batch, history (default: all three)')
    .action(async (username: string, options: { name: string; expiresDays?: string; scopes?: string }) => {
      const { createKeyRequest } = await import('@textai/contracts');
      const parsed = createKeyRequest.safeParse({
        name: options.name,
        ...(options.expiresDays === undefined ? {} : { expires_in_days: Number(options.expiresDays) }),
        ...(options.scopes === undefined ? {} : { scopes: options.scopes.split(',').map((s) => s.trim()) }),
      });
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
        throw new CliError(`invalid key options: ${problems.join('; ')}`);
      }
      const { name, expires_in_days: expiresInDays, scopes } = parsed.data;
      await withAccounts(async (services) => {
        const user = await findUser(services, username);
        const { key, secret } = await services.apiKeys.create(
          user,
          { name, ...(expiresInDays === undefined ? {} : { expiresInDays }), ...(scopes ? { scopes } : {}) },
          'cli',
        );
        process.stdout.write(
          `created key ${key.id} "${key.name}" for ${user.username} (scopes ${key.scopes.join(',')}, ` +
            `expires ${iso(key.expiresAt)})\n${secret}\n(shown once: store it now)\n`,
        );
      });
    });

  keys
    .command('list')
    .description('list an account’s API keys (never the keys themselves)')
    .argument('<username>')
    .action(async (username: string) => {
      await withAccounts(async (services) => {
        const user = await findUser(services, username);
        const list = await services.apiKeys.list(user);
        for (const key of list) {
          const state = key.revokedAt !== null ? 'revoked' : 'active';
          process.stdout.write(
            `${key.id}\t${key.name}\t${key.prefix}…${key.last4}\t${key.scopes.join(',')}\t${state}\t` +
              `created ${iso(key.createdAt)}\texpires ${iso(key.expiresAt)}\tlast used ${iso(key.lastUsedAt)}\n`,
          );
        }
        process.stdout.write(`${list.length} keys\n`);
      });
    });

  keys
    .command('revoke')
    .description('revoke one of an account’s API keys by its id (from `keys list`)')
    .argument('<username>')
    .argument('<key-id>')
    .action(async (username: string, keyId: string) => {
      await withAccounts(async (services) => {
        const user = await findUser(services, username);
        await services.apiKeys.revoke(user, keyId, 'cli');
        process.stdout.write(`revoked key ${keyId} of ${username}\n`);
      });
    });
}
