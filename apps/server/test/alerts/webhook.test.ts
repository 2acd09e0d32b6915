import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook, WebhookError } from '../../src/services/alerts/webhook.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';

describe('webhook delivery', () => {
  let receiver: WebhookReceiver;
  const quick = { attempts: 3, backoffMs: 10, timeoutMs: 2000 };

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.close());

  it('POSTs JSON and retries a receiver that fails for a moment', async () => {
    receiver.received.length = 0;
    receiver.answer(503);
    const sending = postWebhook(`${receiver.origin}/hook`, { hello: 'world' }, { ...quick, backoffMs: 300 });
    // The first attempt fails; the receiver is back for the next one.
    while (receiver.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    receiver.answer(200);
    expect(await sending).toEqual({ status: 200, attempts: 2 });
    expect(receiver.received[0]?.headers['content-type']).toBe('application/json');
    expect(receiver.received[1]?.body).toEqual({ hello: 'world' });
  });

  it('gives up at once on a 4xx answer and names only the origin, never the secret parts', async () => {
    receiver.received.length = 0;
    receiver.answer(404);
    const url = `http://user:pa55word@${receiver.origin.slice('http://'.length)}/services/T1/s3cret?token=s3cret`;
    const error = await postWebhook(url, {}, quick).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookError);
    expect((error as WebhookError).status).toBe(404);
    expect((error as Error).message).toBe(
      `the webhook at ${receiver.origin} answered HTTP 404 (after 1 attempt)`,
    );
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.headers.authorization).toMatch(/^Basic /);
  });

  it('reports a receiver that is not there, or does not answer in time', async () => {
    const closed = await startWebhookReceiver();
    await closed.close();
    const refused = await postWebhook(`${closed.origin}/x?k=s3cret`, {}, quick).catch((e: unknown) => e);
    expect((refused as Error).message).toBe(
      `the webhook at ${closed.origin} could not be reached: ECONNREFUSED (after 3 attempts)`,
    );
    receiver.answer(200);
    const silent = await import('node:http').then(
      ({ createServer }) => createServer(() => undefined), // takes the request, never answers
    );
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const timedOut = await postWebhook(
      `http://127.0.0.1:${port}/`,
      {},
      { ...quick, attempts: 1, timeoutMs: 300 },
    ).catch((e: unknown) => e);
    silent.closeAllConnections();
    silent.close();
    expect((timedOut as Error).message).toBe(
      `the webhook at http://127.0.0.1:${port} could not be reached: no answer within 300 ms (after 1 attempt)`,
    );
  });
});
