import { alertPayload } from './alert-message.ts';
import { postWebhook, type WebhookDelivery, type WebhookOptions } from './webhook.ts';

/** `textai alert --test`: one test alert to the webhook, so an operator sees the wiring works. */
export function sendTestAlert(
  webhookUrl: string,
  instance: string,
  now: number,
  options?: WebhookOptions,
): Promise<WebhookDelivery> {
  const payload = alertPayload({
    alert: 'test',
    status: 'firing',
    severity: 'info',
    summary: 'test alert: the alert webhook of TextAI Studio works',
    value: null,
    threshold: null,
    instance,
    at: new Date(now).toISOString(),
  });
  return postWebhook(webhookUrl, payload, options);
}
