import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** A response read whole: the proof suite's probes look at status, headers and body together. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  /** A JSON body (sent with content-type application/json). */
  json?: unknown;
}

/**
 * One request on a TCP connection of its own (no agent, no keep-alive pool): N of these started
 * in the same tick are N clients arriving together, not one client's queue.
 */
export function requestOnNewConnection(url: string, init: RawRequest = {}): Promise<RawResponse> {
  const body = init.json === undefined ? undefined : JSON.stringify(init.json);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: init.method ?? (body === undefined ? 'GET' : 'POST'),
        agent: false,
        headers: {
          connection: 'close',
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
          ...init.headers,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
        );
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Counts each status among responses, e.g. { 200: 37, 429: 63 }. */
export function statusCounts(responses: readonly RawResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/**
 * Fixed-window limits reset on the clock hour (and rows on the UTC day): a burst that straddled
 * the boundary would count in two windows. Waits out the last `marginMs` before an hour turns.
 */
export async function awayFromHourBoundary(marginMs = 15_000): Promise<void> {
  const HOUR = 3_600_000;
  const untilNextHour = HOUR - (Date.now() % HOUR);
  if (untilNextHour < marginMs) await new Promise((resolve) => setTimeout(resolve, untilNextHour + 1000));
}

/**
 * A browser's session over real HTTP: keeps cookies, fetches the CSRF token first and sends it on
 * every state-changing call, as the web app does.
 */
export class HttpSession {
  private readonly cookies = new Map<string, string>();
  private csrf = '';

  constructor(
    private readonly baseUrl: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  async call(method: string, path: string, json?: unknown): Promise<RawResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await requestOnNewConnection(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...this.extraHeaders,
        ...(cookie === '' ? {} : { cookie }),
        ...(method === 'GET' || this.csrf === '' ? {} : { 'x-csrf-token': this.csrf }),
      },
      ...(json === undefined ? {} : { json }),
    });
    for (const header of response.headers['set-cookie'] ?? []) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      if (at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1));
    }
    return response;
  }

  async signup(username: string, password: string): Promise<void> {
    await this.fetchCsrf();
    const response = await this.call('POST', '/api/v1/auth/signup', {
      username,
      email: `${username}@example.org`,
      password,
    });
    if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${response.body}`);
    this.csrf = (JSON.parse(response.body) as { csrf_token: string }).csrf_token;
  }

  async login(username: string, password: string): Promise<RawResponse> {
    await this.prepareLogin();
    return this.submitLogin(username, password);
  }

  /** The first half of a login: the pre-session CSRF token and its cookie. */
  async prepareLogin(): Promise<void> {
    await this.fetchCsrf();
  }

  /** The second half: the login itself (after prepareLogin). */
  async submitLogin(username: string, password: string): Promise<RawResponse> {
    const response = await this.call('POST', '/api/v1/auth/login', { username, password });
    if (response.status === 200) this.csrf = (JSON.parse(response.body) as { csrf_token: string }).csrf_token;
    return response;
  }

  /** A new API key of this session's user (every scope). */
  async createKey(name = 'proof'): Promise<string> {
    const response = await this.call('POST', '/api/v1/keys', {
      name,
      scopes: ['tools', 'batch', 'history'],
    });
    if (response.status !== 201) throw new Error(`key creation failed: ${response.status} ${response.body}`);
    return (JSON.parse(response.body) as { key: string }).key;
  }

  private async fetchCsrf(): Promise<void> {
    const response = await this.call('GET', '/api/v1/auth/csrf');
    this.csrf = (JSON.parse(response.body) as { csrf_token: string }).csrf_token;
  }
}
