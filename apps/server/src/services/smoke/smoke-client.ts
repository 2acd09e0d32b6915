export interface SmokeResponse {
  status: number;
  contentType: string;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  body: unknown;
}

export interface RequestOptions {
  json?: unknown;
  /** Send this API key instead of the session: no cookies, no CSRF token. */
  apiKey?: string;
}

/**
 * A browser's side of the public HTTP API, with global fetch only: keeps the cookies the server
 * sets (session and CSRF) and sends the CSRF token with every state-changing request, as the
 * web app does. Each request has its own time limit, so a hung server fails one step, not smoke.
 */
export class SmokeClient {
  private readonly cookies = new Map<string, string>();
  /** The token from GET /auth/csrf, replaced by the session's own at login. */
  csrfToken = '';

  constructor(
    readonly baseUrl: URL,
    private readonly timeoutMs: number,
  ) {}

  async request(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: RequestOptions = {},
  ): Promise<SmokeResponse> {
    const headers: Record<string, string> = { accept: 'application/json, text/html' };
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    if (options.apiKey !== undefined) headers['x-api-key'] = options.apiKey;
    else {
      if (this.cookies.size > 0)
        headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      if (method !== 'GET' && this.csrfToken !== '') headers['x-csrf-token'] = this.csrfToken;
    }
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(this.timeoutMs),
      ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
    });
    if (options.apiKey === undefined) this.keepCookies(response);
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    let body: unknown;
    if (contentType.includes('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    return { status: response.status, contentType, text, body };
  }

  private keepCookies(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((a) => {
        const [key = '', setting = ''] = a.split('=').map((s) => s.trim());
        const lower = key.toLowerCase();
        return (
          (lower === 'max-age' && Number(setting) <= 0) ||
          (lower === 'expires' && Date.parse(setting) <= Date.now())
        );
      });
      if (value === '' || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
