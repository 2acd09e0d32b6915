/**
 * A browser-like client over real HTTP: keeps the session and CSRF cookies, sends the CSRF token
 * with every state-changing request, and follows its rotation at signup and login.
 */
export class SessionClient {
  private readonly cookies = new Map<string, string>();
  private csrf = '';

  constructor(private readonly baseUrl: string) {}

  async signup(username: string, password: string): Promise<Answer> {
    return this.authenticate('/api/v1/auth/signup', {
      username,
      email: `${username}@example.test`,
      password,
    });
  }

  async login(username: string, password: string): Promise<Answer> {
    return this.authenticate('/api/v1/auth/login', { username, password });
  }

  async request(method: string, path: string, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = { cookie: this.cookieHeader() };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      if (at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1));
    }
    return { status: response.status, text: await response.text() };
  }

  private async authenticate(path: string, body: unknown): Promise<Answer> {
    if (this.csrf === '') {
      const token = await this.request('GET', '/api/v1/auth/csrf');
      this.csrf = (JSON.parse(token.text) as { csrf_token: string }).csrf_token;
    }
    const answer = await this.request('POST', path, body);
    if (answer.status === 200 || answer.status === 201) {
      this.csrf = (JSON.parse(answer.text) as { csrf_token: string }).csrf_token;
    }
    return answer;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export interface Answer {
  status: number;
  text: string;
}

/** The error envelope's code when `answer` is one (`{error, code, request_id}`), else undefined. */
export function envelopeCode(answer: Answer): string | undefined {
  try {
    const body = JSON.parse(answer.text) as { error?: unknown; code?: unknown; request_id?: unknown };
    const isEnvelope =
      typeof body.error === 'string' && typeof body.code === 'string' && typeof body.request_id === 'string';
    return isEnvelope ? String(body.code) : undefined;
  } catch {
    return undefined;
  }
}
