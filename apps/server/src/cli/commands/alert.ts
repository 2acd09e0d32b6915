import type { Command } from 'commander';
import { loadCliConfig } from '../config.ts';
import { CliError } from '../errors.ts';

/**
 * `textai alert --test`: sends one test alert to ALERT_WEBHOOK_URL and prints the receiver's HTTP
 * status; exit 1 when the URL is unset or the receiver does not take it. Prints only the URL's
 * origin: the rest of a webhook URL is often its secret.
 */
export function registerAlertCommand(program: Command): void {
  program
    .command('alert')
    .description('alert webhook tools: --test sends a test alert to ALERT_WEBHOOK_URL')
    .option('--test', 'send a test alert and print the HTTP status')
    .action(async (options: { test?: boolean }) => {
      if (options.test !== true)
        throw new CliError('nothing to do: `textai alert --test` sends a test alert');
      const config = loadCliConfig();
      const url = config.alerts.webhookUrl;
      if (url === undefined)
        throw new CliError(
          'ALERT_WEBHOOK_URL is not set: set it (in .env or the environment) to the receiver’s URL, e.g. a Slack incoming webhook',
        );
      const [{ sendTestAlert }, { WebhookError, webhookOrigin }, { alertInstanceName }] = await Promise.all([
        import('../../services/alerts/test-alert.ts'),
        import('../../services/alerts/webhook.ts'),
        import('../../services/alerts/instance-name.ts'),
      ]);
      try {
        const delivery = await sendTestAlert(url, alertInstanceName(config), Date.now());
        process.stdout.write(`test alert delivered to ${webhookOrigin(url)} (HTTP ${delivery.status})\n`);
      } catch (error) {
        if (error instanceof WebhookError) throw new CliError(error.message);
        throw error;
      }
    });
}
