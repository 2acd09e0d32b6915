/**
 * POSTs JSON to a webhook with a timeout and retries. Webhook URLs carry secrets — in the userinfo,
 * the query string, and for Slack-style hooks in the path itself — so messages and logs name only
 * the URL's origin.
 */

export interface WebhookOptions {
  /** Per attempt. */
  timeoutMs?: number;
  attempts?: number;
  /** Wait before the second attempt; doubled before each later one. */
  backoffMs?: number;
}

export interface WebhookDelivery {
  status: number;
  attempts: number;
}

export class WebhookError extends Error {
  constructor(
    message: string,
    /** The receiver's last HTTP status, when it answered. */
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = 'WebhookError';
  }
}

/** scheme://host:port of a URL: what may be shown of it. */
export function webhookOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * fetch refuses URLs with credentials in them; receivers that take user:password@ in the URL expect
 * them as HTTP Basic authentication, which is what this sends.
 */
function requestTarget(url: string): { url: string; headers: Record<string, string> } {
  const parsed = new URL(url);
  if (parsed.username === '' && parsed.password === '') return { url, headers: {} };
  const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return {
    url: parsed.toString(),
    headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
  };
}

/** Worth another try: the receiver may be back in a moment. Other 4xx answers will not change. */
function retryable(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

export async function postWebhook(
  url: string,
  body: unknown,
  options: WebhookOptions = {},
): Promise<WebhookDelivery> {
  const attempts = options.attempts ?? 3;
  const timeoutMs = options.timeoutMs ?? 5000;
  const backoffMs = options.backoffMs ?? 1000;
  const target = webhookOrigin(url);
  const request = requestTarget(url);
  let problem = new WebhookError(`the webhook at ${target} was not tried`, undefined);
  let attempt = 0;
  while (attempt < attempts) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 1)));
    attempt += 1;
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'TextAI-Studio-alerts',
          ...request.headers,
        },
        body: JSON.stringify(body),
        // A redirect could carry the alert to another host: treated as a failure, not followed.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300)
        return { status: response.status, attempts: attempt };
      problem = new WebhookError(
        `the webhook at ${target} answered HTTP ${response.status}`,
        response.status,
      );
      if (!retryable(response.status)) break;
    } catch (error) {
      // fetch's own messages may quote the URL: only the kind of failure is kept.
      const reason =
        error instanceof Error && error.name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : describeNetworkError(error);
      problem = new WebhookError(`the webhook at ${target} could not be reached: ${reason}`, undefined);
    }
  }
  throw new WebhookError(
    `${problem.message} (after ${attempt} attempt${attempt === 1 ? '' : 's'})`,
    problem.status,
  );
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as NodeJS.ErrnoException | undefined) : undefined;
  return cause?.code ?? 'network error';
}
