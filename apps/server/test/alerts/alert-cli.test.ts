import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTextai } from '../helpers/processes.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';

/** Runs `textai alert …` to its end; its output lines and exit status. */
async function alertCommand(args: string[], env: Record<string, string>) {
  const run = startTextai(['alert', ...args], env);
  const { code } = await run.exited;
  // Lines may still be in flight when 'exit' fires; 'close' comes after the streams end.
  await new Promise((resolve) =>
    run.child.stdout.closed ? resolve(undefined) : run.child.once('close', resolve),
  );
  return { code, output: run.lines.join('\n') };
}

describe('textai alert --test', () => {
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.close());

  it('sends a test alert to ALERT_WEBHOOK_URL and prints the HTTP status, not the URL’s secret', async () => {
    const url = `${receiver.origin}/services/T0/B0/s3cret?token=s3cret`;
    const { code, output } = await alertCommand(['--test'], {
      ALERT_WEBHOOK_URL: url,
      PUBLIC_URL: 'https://textai.example.org',
    });
    expect(output).toBe(`test alert delivered to ${receiver.origin} (HTTP 200)`);
    expect(code).toBe(0);
    expect(receiver.received).toHaveLength(1);
    const body = receiver.received[0]?.body ?? {};
    expect(body).toMatchObject({
      alert: 'test',
      status: 'firing',
      severity: 'info',
      instance: 'https://textai.example.org',
      value: null,
      threshold: null,
    });
    expect(new Date(String(body['at'])).toISOString()).toBe(body['at']);
    expect(body['text']).toBe(
      '[TextAI Studio https://textai.example.org] INFO: test alert: the alert webhook of TextAI Studio works',
    );
  });

  it('exits 1 with a clear message when ALERT_WEBHOOK_URL is not set', async () => {
    const { code, output } = await alertCommand(['--test'], {});
    expect(code).toBe(1);
    expect(output).toMatch(/^textai: ALERT_WEBHOOK_URL is not set: set it/);
  });

  it('exits 1 naming the receiver’s answer when it refuses the alert', async () => {
    receiver.answer(401);
    const { code, output } = await alertCommand(['--test'], {
      ALERT_WEBHOOK_URL: `${receiver.origin}/hook?token=s3cret`,
    });
    receiver.answer(200);
    expect(code).toBe(1);
    expect(output).toBe(`textai: the webhook at ${receiver.origin} answered HTTP 401 (after 1 attempt)`);
  });
});
