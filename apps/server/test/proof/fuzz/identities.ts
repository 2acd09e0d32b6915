import { BrowserClient, createKey, STRONG_PASSWORD, type TestApp } from '../../helpers/app.ts';

export const IDENTITY_NAMES = ['guest', 'session', 'apiKey', 'admin'] as const;
export type IdentityName = (typeof IDENTITY_NAMES)[number];

const ADMIN = {
  username: 'fuzz_admin',
  email: 'fuzz-admin@example.org',
  password: 'an admin passphrase for fuzzing',
};

/**
 * The callers the fuzz sends as: a guest, a logged-in browser session with its valid CSRF token,
 * an API key with every scope (Authorization: Bearer), and an admin session. A case that ends a
 * session (logout, account deletion) is followed by restore(), so later cases still log in.
 */
export class Identities {
  private session: BrowserClient;
  private admin: BrowserClient;
  private apiKey = '';
  private generation = 0;
  /** A user that is no identity: real ids for the admin routes to fuzz against. */
  targetUserId = '';

  private constructor(private readonly t: TestApp) {
    this.session = new BrowserClient(t.app, '10.8.0.1');
    this.admin = new BrowserClient(t.app, '10.8.0.2');
  }

  static async create(t: TestApp): Promise<Identities> {
    const identities = new Identities(t);
    await t.app.services.accounts.createUser({ ...ADMIN, tier: 'admin' }, null);
    const target = await t.app.services.accounts.createUser(
      { username: 'fuzz_target', email: 'fuzz-target@example.org', password: STRONG_PASSWORD, tier: 'user' },
      null,
    );
    identities.targetUserId = target.id;
    await identities.restore('session');
    await identities.restore('admin');
    return identities;
  }

  /** The headers that make a request come from this identity. */
  headers(name: IdentityName): Record<string, string> {
    switch (name) {
      case 'guest':
        return {};
      case 'apiKey':
        return { authorization: `Bearer ${this.apiKey}` };
      case 'session':
        return browserHeaders(this.session);
      case 'admin':
        return browserHeaders(this.admin);
    }
  }

  /** Restores any logged-in identity whose session a case ended (a logout, a login that rotated it). */
  async ensureAlive(): Promise<void> {
    for (const name of ['session', 'admin'] as const) {
      const me = await this.t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: this.headers(name),
      });
      if (me.statusCode !== 200) await this.restore(name);
    }
  }

  /** Logs the identity in again (and, if its account is gone, signs up a new one with a new key). */
  async restore(name: IdentityName): Promise<void> {
    if (name === 'guest') return;
    if (name === 'admin') {
      this.admin = new BrowserClient(this.t.app, '10.8.0.2');
      await expectStatus(this.admin.login(ADMIN.username, ADMIN.password), 200, 'admin login');
      return;
    }
    const username = `fuzz_user_${this.generation}`;
    const client = new BrowserClient(this.t.app, '10.8.0.1');
    const login = await client.login(username);
    if (login.statusCode !== 200) {
      this.generation++;
      const fresh = new BrowserClient(this.t.app, '10.8.0.1');
      await expectStatus(fresh.signup(`fuzz_user_${this.generation}`), 201, 'signup');
      this.session = fresh;
      this.apiKey = await createKey(fresh, { name: 'fuzz', scopes: ['tools', 'batch', 'history'] });
      return;
    }
    this.session = client;
  }
}

function browserHeaders(client: BrowserClient): Record<string, string> {
  return {
    cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    'x-csrf-token': client.csrf,
  };
}

async function expectStatus(
  response: Promise<{ statusCode: number; body: string }>,
  status: number,
  what: string,
) {
  const answered = await response;
  if (answered.statusCode !== status)
    throw new Error(`${what} failed: ${answered.statusCode} ${answered.body}`);
}
