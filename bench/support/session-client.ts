/**
 * A browser-like client of the API over node:http: a cookie jar, the CSRF token from
 * GET /auth/csrf (rotated at login) sent on every state-changing request, and optionally its own
 * client address in X-Forwarded-For (honoured when the server's TRUST_PROXY trusts loopback).
 * It uses the caller's keep-alive Agent, so the caller can close every connection at once.
 */
import http from 'node:http';

export interface Reply {
  status: number;
  body: unknown;
  /** Request sent to last byte received, in milliseconds. */
  ms: number;
}

export class SessionClient {
  private readonly cookies = new Map<string, string>();
  private csrfToken = '';

  constructor(
    private readonly base: string,
    public agent: http.Agent,
    private readonly forwardedFor?: string,
  ) {}

  request(method: string, path: string, body?: unknown): Promise<Reply> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: http.OutgoingHttpHeaders = { accept: 'application/json' };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    if (this.cookies.size > 0)
      headers['cookie'] = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (method !== 'GET' && this.csrfToken !== '') headers['x-csrf-token'] = this.csrfToken;
    if (this.forwardedFor !== undefined) headers['x-forwarded-for'] = this.forwardedFor;
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(`${this.base}${path}`, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          this.keepCookies(res.headers['set-cookie'] ?? []);
          const text = Buffer.concat(chunks).toString('utf8');
          const json = (res.headers['content-type'] ?? '').includes('json') && text !== '';
          resolve({
            status: res.statusCode ?? 0,
            body: json ? (JSON.parse(text) as unknown) : text,
            ms: performance.now() - started,
          });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** GET /auth/csrf: the pre-session (or session) token, kept for the next requests. */
  async fetchCsrf(): Promise<Reply> {
    const reply = await this.request('GET', '/api/v1/auth/csrf');
    this.keepCsrf(reply);
    return reply;
  }

  async signup(username: string, password: string): Promise<Reply> {
    const reply = await this.request('POST', '/api/v1/auth/signup', {
      username,
      email: `${username}@example.org`,
      password,
    });
    this.keepCsrf(reply);
    return reply;
  }

  async login(username: string, password: string): Promise<Reply> {
    const reply = await this.request('POST', '/api/v1/auth/login', { username, password });
    this.keepCsrf(reply);
    return reply;
  }

  async logout(): Promise<Reply> {
    const reply = await this.request('POST', '/api/v1/auth/logout');
    this.csrfToken = '';
    return reply;
  }

  /** Signs up a new account and creates an API key for it; throws unless both succeed. */
  async signupWithApiKey(username: string, password: string): Promise<string> {
    const steps = [await this.fetchCsrf(), await this.signup(username, password)];
    const key = await this.request('POST', '/api/v1/keys', { name: 'bench', scopes: ['tools', 'history'] });
    for (const [step, expected] of [
      [steps[0], 200],
      [steps[1], 201],
      [key, 201],
    ] as const)
      if (step?.status !== expected) throw new Error(`account setup failed: ${JSON.stringify(step)}`);
    const { key: secret } = key.body as { key: string };
    return secret;
  }

  private keepCsrf(reply: Reply): void {
    const token = (reply.body as { csrf_token?: unknown } | null)?.csrf_token;
    if (typeof token === 'string') this.csrfToken = token;
  }

  private keepCookies(setCookies: readonly string[]): void {
    for (const header of setCookies) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1);
      // A cleared cookie (logout) comes back empty or already expired.
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
