import type { User, UserRepository } from '../../storage/repositories.ts';
import { RESET_LINK_TTL_MS, type AccountService } from '../accounts/account-service.ts';
import { AppError } from '../errors.ts';
import type { CounterStore } from '../limits/counter-store.ts';
import type { Mailer, MailMessage } from './mailer.ts';

/** What the request log offers background work (pino's and Fastify's loggers fit). */
export interface MailLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface ResetMailLimits {
  /** Requests per client IP per window; over it the request itself gets 429. */
  perIp: number;
  /** Mails per account per window; over it nothing is sent, and the answer does not change. */
  perAccount: number;
  /** Mails per recipient address per window (several accounts may share one address). */
  perAddress: number;
  windowMs: number;
  /** Accounts one mail lists at most when several share the address asked for. */
  maxAccountsPerAddress: number;
}

export const RESET_MAIL_LIMITS: ResetMailLimits = {
  perIp: 10,
  perAccount: 3,
  perAddress: 3,
  windowMs: 3_600_000,
  maxAccountsPerAddress: 5,
};

/** The one answer to every accepted request, whether or not an account matched. */
export const RESET_MAIL_ACCEPTED =
  'If an account matches, a password reset link is on its way to the email address on file. ' +
  'The link works once, for 24 hours.';

/**
 * Password reset by email (forgot password). The request is answered before any account is looked
 * up: only the feature switch and the per-IP budget decide the answer, both independent of the
 * account, so neither the body nor the timing tells whether a username or address exists. Lookup,
 * the per-account and per-address budgets, the token and the mail happen afterwards in the
 * background; `flush` waits for them (tests, shutdown).
 *
 * Who gets a mail: a username match wins (usernames are unique); otherwise every enabled account
 * with that email address (emails are not unique) is listed in ONE mail, each with its own link, so
 * a person with two accounts can recover either and the inbox gets one mail per request.
 * Disabled accounts get nothing. The token and the link are never logged.
 */
export class PasswordResetMail {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly mailer: Mailer | undefined,
    private readonly users: Pick<UserRepository, 'findByUsername' | 'findByEmail'>,
    private readonly accounts: Pick<AccountService, 'issueEmailReset'>,
    private readonly counters: CounterStore,
    private readonly options: { publicUrl: string | undefined; production: boolean },
    private readonly limits: ResetMailLimits = RESET_MAIL_LIMITS,
  ) {}

  /**
   * Accepts a request for `identifier` (a username or an email address) from `ip`. Throws only for
   * reasons that do not depend on the account: the feature is off, or the IP is over its budget.
   * `origin` (the request's scheme and host) builds the link only when PUBLIC_URL is not set.
   */
  async request(identifier: string, client: { ip: string; origin: string; log: MailLog }): Promise<void> {
    const mailer = this.mailer;
    if (mailer === undefined) {
      throw new AppError(
        403,
        'FEATURE_DISABLED',
        'password reset by email is turned off on this server (no SMTP_HOST); ask an administrator for a reset link',
      );
    }
    const base = this.linkBase(client.origin);
    const count = await this.counters.increment(`reset-mail:ip:${client.ip}`, 1, this.limits.windowMs);
    if (count > this.limits.perIp) throw this.tooMany();
    const task = this.deliver(mailer, identifier, base, client).catch((error: unknown) => {
      client.log.error({ err: describeError(error) }, 'password reset mail failed');
    });
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
  }

  /** Waits for every accepted request to be mailed (or to fail). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  async close(): Promise<void> {
    await this.flush();
    this.mailer?.close();
  }

  private async deliver(
    mailer: Mailer,
    identifier: string,
    base: string,
    client: { ip: string; log: MailLog },
  ): Promise<void> {
    const matched = await this.findAccounts(identifier);
    if (matched.length === 0) {
      client.log.info({}, 'password reset requested: no enabled account matches');
      return;
    }
    const { windowMs } = this.limits;
    const allowed: User[] = [];
    for (const user of matched) {
      const sent = await this.counters.increment(`reset-mail:user:${user.id}`, 1, windowMs);
      if (sent <= this.limits.perAccount) allowed.push(user);
    }
    // Every matched account has this address (the username match is alone; email matches share it).
    const to = allowed[0]?.email;
    const toCount =
      to === undefined
        ? Infinity
        : await this.counters.increment(`reset-mail:to:${to.toLowerCase()}`, 1, windowMs);
    if (to === undefined || toCount > this.limits.perAddress) {
      client.log.info({ userIds: matched.map((u) => u.id) }, 'password reset mail throttled');
      return;
    }
    const links: { username: string; url: string }[] = [];
    for (const user of allowed) {
      const issued = await this.accounts.issueEmailReset(user.id, client.ip);
      if (issued)
        links.push({ username: user.username, url: `${base}/reset-password#token=${issued.token}` });
    }
    if (links.length === 0) return;
    await mailer.send(resetMessage(to, links));
    client.log.info({ userIds: allowed.map((u) => u.id) }, 'password reset mail sent');
  }

  private async findAccounts(identifier: string): Promise<User[]> {
    const value = identifier.trim().toLowerCase();
    const byName = await this.users.findByUsername(value);
    if (byName) return byName.disabled ? [] : [byName];
    if (!value.includes('@')) return [];
    const byEmail = await this.users.findByEmail(value, this.limits.maxAccountsPerAddress);
    return byEmail.filter((u) => !u.disabled);
  }

  /**
   * Where links point. The Host header is the client's to choose, so a link built from it could
   * send the token to an attacker's site (reset poisoning); production therefore requires PUBLIC_URL.
   */
  private linkBase(origin: string): string {
    if (this.options.publicUrl !== undefined) return this.options.publicUrl.replace(/\/+$/, '');
    if (this.options.production) {
      throw new AppError(
        403,
        'FEATURE_DISABLED',
        'password reset by email needs PUBLIC_URL on this server; ask an administrator for a reset link',
      );
    }
    return origin.replace(/\/+$/, '');
  }

  private tooMany(): AppError {
    const minutes = Math.ceil(this.limits.windowMs / 60_000);
    return new AppError(
      429,
      'TOO_MANY_ATTEMPTS',
      `too many password reset requests; try again in ${minutes} minutes`,
      undefined,
      { 'Retry-After': String(Math.ceil(this.limits.windowMs / 1000)) },
    );
  }
}

/** The reset mail: plain text, the link(s), when they expire, and that it can be ignored. */
export function resetMessage(to: string, links: { username: string; url: string }[]): MailMessage {
  const hours = Math.round(RESET_LINK_TTL_MS / 3_600_000);
  const intro =
    links.length === 1
      ? [
          `Someone asked to reset the password of the TextAI Studio account "${links[0]!.username}".`,
          '',
          'To choose a new password, open this link:',
          '',
          links[0]!.url,
        ]
      : [
          'Someone asked to reset the password of a TextAI Studio account with this email address.',
          'This address belongs to several accounts; each link resets the password of one:',
          ...links.flatMap((l) => ['', `${l.username}:`, l.url]),
        ];
  return {
    to,
    subject: 'Reset your TextAI Studio password',
    text: [
      'Hello,',
      '',
      ...intro,
      '',
      `${links.length === 1 ? 'The link' : 'Each link'} works once and expires in ${hours} hours. ` +
        'Resetting signs the account out everywhere.',
      '',
      'If you did not ask for this, you can ignore this email: your password stays as it is.',
      '',
    ].join('\n'),
  };
}

/** What to log about a failed send: never the message (it holds the link), only the failure. */
function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const extra = error as Error & { code?: unknown; responseCode?: unknown; command?: unknown };
  return {
    type: error.name,
    message: error.message,
    ...(extra.code !== undefined ? { code: extra.code } : {}),
    ...(extra.responseCode !== undefined ? { responseCode: extra.responseCode } : {}),
    ...(extra.command !== undefined ? { command: extra.command } : {}),
  };
}
