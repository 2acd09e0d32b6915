/**
 * A steady load on a real server over loopback — tool calls with an API key, history reads and
 * session logins from a few concurrent loops — that classifies every answer: a success, a clean
 * 503 in the error envelope, another 5xx, a 4xx, no answer within HANG_MS, or no connection.
 */

/** A request not answered within this long counts as a hang. */
export const HANG_MS = 10_000;

export type Outcome = 'ok' | 'clean-503' | 'other-5xx' | 'client-4xx' | 'hang' | 'no-connection';

export interface Sample {
  operation: 'tool' | 'history' | 'login';
  startedAt: number;
  endedAt: number;
  status: number;
  outcome: Outcome;
  /** The answer's body when it was not a success (for the report of a failure). */
  body?: string;
}

export interface LoadTarget {
  url: string;
  apiKey: string;
  username: string;
  password: string;
}

interface Envelope {
  error?: unknown;
  code?: unknown;
  request_id?: unknown;
}

function isEnvelope(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as Envelope;
    return (
      typeof parsed.error === 'string' &&
      typeof parsed.code === 'string' &&
      typeof parsed.request_id === 'string'
    );
  } catch {
    return false;
  }
}

function classify(status: number, body: string): Outcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 503) return isEnvelope(body) ? 'clean-503' : 'other-5xx';
  if (status >= 500) return 'other-5xx';
  return 'client-4xx';
}

/** One request, timed and classified; never throws. */
async function attempt(
  operation: Sample['operation'],
  send: (signal: AbortSignal) => Promise<Response>,
): Promise<Sample> {
  const startedAt = Date.now();
  try {
    const response = await send(AbortSignal.timeout(HANG_MS));
    const body = await response.text();
    const outcome = classify(response.status, body);
    return {
      operation,
      startedAt,
      endedAt: Date.now(),
      status: response.status,
      outcome,
      ...(outcome === 'ok' ? {} : { body: body.slice(0, 500) }),
    };
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return {
      operation,
      startedAt,
      endedAt: Date.now(),
      status: 0,
      outcome: timedOut ? 'hang' : 'no-connection',
      body: error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error),
    };
  }
}

function cookieHeader(responses: readonly Response[]): string {
  const cookies = new Map<string, string>();
  for (const response of responses) {
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      if (at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1));
    }
  }
  return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** A browser's login: the CSRF cookie and token, then the login with both. */
async function login(target: LoadTarget, signal: AbortSignal): Promise<Response> {
  const csrf = await fetch(`${target.url}/api/v1/auth/csrf`, { signal });
  if (csrf.status !== 200) return csrf;
  const { csrf_token: token } = (await csrf.json()) as { csrf_token: string };
  return fetch(`${target.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookieHeader([csrf]), 'x-csrf-token': token },
    body: JSON.stringify({ username: target.username, password: target.password }),
    signal,
  });
}

export class LoadLoop {
  readonly samples: Sample[] = [];
  /** The texts of tool calls the server acknowledged (2xx): each must end up in history. */
  readonly acknowledgedTexts: string[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private counter = 0;

  constructor(
    private readonly target: LoadTarget,
    private readonly concurrency = 4,
    /** A pause between one loop's requests, so the load is steady without saturating two cores. */
    private readonly pauseMs = 20,
  ) {}

  start(): void {
    this.running = true;
    this.loops = Array.from({ length: this.concurrency }, (_, i) => this.loop(i));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** The samples of requests started in [from, to). */
  between(from: number, to = Infinity): Sample[] {
    return this.samples.filter((s) => s.startedAt >= from && s.startedAt < to);
  }

  private async loop(index: number): Promise<void> {
    for (let round = 0; this.running; round++) {
      // Mostly tool calls; every loop also reads history, and one in ten rounds logs in.
      const operation: Sample['operation'] =
        (round + index) % 10 === 0 ? 'login' : (round + index) % 3 === 0 ? 'history' : 'tool';
      this.samples.push(await this.send(operation));
      await new Promise((resolve) => setTimeout(resolve, this.pauseMs));
    }
  }

  private async send(operation: Sample['operation']): Promise<Sample> {
    const { url, apiKey } = this.target;
    if (operation === 'login') return attempt('login', (signal) => login(this.target, signal));
    if (operation === 'history') {
      return attempt('history', (signal) =>
        fetch(`${url}/api/v1/history?limit=5`, { headers: { 'x-api-key': apiKey }, signal }),
      );
    }
    const text = `fault load call ${++this.counter}: a calm and pleasant afternoon`;
    const sample = await attempt('tool', (signal) =>
      fetch(`${url}/api/v1/sentiment`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify({ text }),
        signal,
      }),
    );
    if (sample.outcome === 'ok') this.acknowledgedTexts.push(text);
    return sample;
  }
}

export function countOutcomes(samples: readonly Sample[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = {
    ok: 0,
    'clean-503': 0,
    'other-5xx': 0,
    'client-4xx': 0,
    hang: 0,
    'no-connection': 0,
  };
  for (const sample of samples) counts[sample.outcome]++;
  return counts;
}
