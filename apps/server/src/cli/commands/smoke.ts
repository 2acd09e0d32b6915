import { Option, type Command } from 'commander';
import { CliError } from '../errors.ts';
import { exitWhenDone } from '../exit-when-done.ts';

interface SmokeCommandOptions {
  username?: string;
  password?: string;
  apiKey?: string;
  json?: boolean;
  timeout: string;
}

function baseUrl(value: string): URL {
  if (!URL.canParse(value)) throw new CliError(`not a URL: ${value} (e.g. https://textai.example.org)`);
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliError(`not an http(s) URL: ${value}`);
  return url;
}

/**
 * `textai smoke URL`: the deployment-day smoke test against a running instance (the runbook's
 * deploy and rollback steps run it). Credentials come from the environment by preference, since
 * command lines are visible to every account on the machine.
 */
export function registerSmokeCommand(program: Command): void {
  program
    .command('smoke')
    .description(
      'smoke-test a running instance (page, health, login, the four tools, API key, error count); exit 1 on any fail',
    )
    .argument('<url>', 'the instance, e.g. https://textai.example.org or http://127.0.0.1:8501')
    .addOption(new Option('--username <name>', 'an admin account to log in with').env('SMOKE_USERNAME'))
    .addOption(
      new Option('--password <password>', 'its password (prefer SMOKE_PASSWORD)').env('SMOKE_PASSWORD'),
    )
    .option('--api-key <key>', 'call the API with this key instead of creating (and revoking) a one-day key')
    .option('--timeout <seconds>', 'time limit per request', '30')
    .option('--json', 'print the results as JSON')
    .action(async (url: string, options: SmokeCommandOptions) => {
      const target = baseUrl(url);
      if (options.username === undefined || options.password === undefined) {
        throw new CliError('smoke needs an admin login: --username and SMOKE_PASSWORD (or --password)');
      }
      const timeoutSeconds = Number(options.timeout);
      if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
        throw new CliError('--timeout must be a positive number of seconds');
      const [{ runSmoke }, { checklistExitStatus }, output] = await Promise.all([
        import('../../services/smoke/index.ts'),
        import('../../services/checklist.ts'),
        import('../checklist-output.ts'),
      ]);
      const items = await runSmoke({
        url: target,
        username: options.username,
        password: options.password,
        ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
        timeoutMs: timeoutSeconds * 1000,
      });
      process.stdout.write(
        options.json
          ? output.formatChecklistJson(items, { url: target.origin })
          : output.formatChecklist(
              `TextAI Studio smoke test of ${target.origin}`,
              items,
              process.stdout.isTTY,
            ),
      );
      process.exitCode = checklistExitStatus(items);
      exitWhenDone();
    });
}
