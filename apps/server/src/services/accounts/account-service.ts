import type { Config } from '../../config.ts';
import type { Storage, User, UserTier, UserWithSecret } from '../../storage/repositories.ts';
import { isUniqueViolation } from '../../storage/unique-violation.ts';
import type { AuditService } from '../audit.ts';
import type { Clock } from '../clock.ts';
import { AppError, featureDisabled, notFound } from '../errors.ts';
import type { LoginThrottle } from '../limits/login-throttle.ts';
import { randomToken, sha256 } from '../secrets.ts';
import type { PasswordHasher } from './password-hasher.ts';
import { passwordProblems } from './password-policy.ts';
import type { SessionService } from './session-service.ts';

export interface ClientInfo {
  ip: string;
  userAgent: string | undefined;
}

export interface LoggedIn {
  user: User;
  token: string;
  csrfToken: string;
}

/** How long an admin-issued reset link works. */
export const RESET_LINK_TTL_MS = 24 * 3_600_000;

const INVALID_CREDENTIALS = 'invalid username or password';

/** Accounts: signup, login, passwords, resets, tiers, disabling, deletion. No HTTP here. */
export class AccountService {
  constructor(
    private readonly storage: Storage,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'features'>,
    /** Told when a user's tier or disabled state changes (caches of verified credentials listen). */
    private readonly onUserChanged: (userId: string) => void = () => undefined,
  ) {}

  async signup(
    input: { username: string; email: string; password: string },
    client: ClientInfo,
  ): Promise<LoggedIn> {
    if (!this.config.features.signup) throw featureDisabled('signup');
    await this.throttle.checkSignup(client.ip);
    this.checkPassword(input.password, input.username);
    if (await this.storage.users.findByUsername(input.username)) {
      throw new AppError(409, 'CONFLICT', 'this username is taken');
    }
    const passwordHash = await this.hasher.hash(input.password);
    let user: User;
    try {
      user = await this.storage.users.create(
        { username: input.username, email: input.email, passwordHash, tier: 'user' },
        this.clock.now(),
      );
    } catch (error) {
      // Lost a race with a concurrent signup for the same name (the unique index decided). Any other
      // failure (a full disk, a read-only database) is not "taken" and goes on to the error handler.
      if (!isUniqueViolation(error)) throw error;
      throw new AppError(409, 'CONFLICT', 'this username is taken');
    }
    await this.audit.record('signup', { actorId: user.id, targetId: user.id, ip: client.ip });
    return this.startSession(user, client);
  }

  async login(input: { username: string; password: string }, client: ClientInfo): Promise<LoggedIn> {
    const username = input.username.trim().toLowerCase();
    // Counted from here on, finished by recordFailure, recordSuccess or cancelAttempt below.
    await this.throttle.takeAttempt(username, client.ip);
    let found: UserWithSecret | undefined;
    let ok: boolean;
    try {
      found = await this.storage.users.findByUsername(username);
      ok = found
        ? await this.hasher.verify(input.password, found.passwordHash)
        : await this.hasher.verifyNothing(input.password);
    } catch (error) {
      // Not a wrong password (the database is away, the hasher is busy): not a failed attempt.
      await this.throttle.cancelAttempt(username, client.ip).catch(() => undefined);
      throw error;
    }
    if (!found || !ok) {
      await this.throttle.recordFailure(username, client.ip);
      await this.audit.record(
        'login_failed',
        { targetId: found?.id ?? null, ip: client.ip },
        { username: username.slice(0, 64) },
      );
      throw new AppError(401, 'INVALID_CREDENTIALS', INVALID_CREDENTIALS);
    }
    if (found.disabled) {
      await this.throttle.recordFailure(username, client.ip);
      await this.audit.record('login_failed', { targetId: found.id, ip: client.ip }, { reason: 'disabled' });
      throw new AppError(403, 'FORBIDDEN', 'this account is disabled; contact the administrator');
    }
    await this.throttle.recordSuccess(username, client.ip);
    await this.audit.record('login', { actorId: found.id, targetId: found.id, ip: client.ip });
    return this.startSession(found, client);
  }

  async logout(sessionId: string, user: User, ip: string): Promise<void> {
    await this.sessions.end(sessionId);
    await this.audit.record('logout', { actorId: user.id, targetId: user.id, ip });
  }

  /** Changes the password and ends every other session of the user (this one stays). */
  async changePassword(
    user: User,
    currentSessionId: string | undefined,
    input: { currentPassword: string; newPassword: string },
    ip: string,
  ): Promise<void> {
    const stored = await this.storage.users.findById(user.id);
    if (!stored || !(await this.hasher.verify(input.currentPassword, stored.passwordHash))) {
      throw new AppError(401, 'INVALID_CREDENTIALS', 'the current password is wrong');
    }
    this.checkPassword(input.newPassword, user.username);
    const passwordHash = await this.hasher.hash(input.newPassword);
    await this.storage.transaction(async (repos) => {
      await repos.users.update(user.id, { passwordHash }, this.clock.now());
      await repos.sessions.deleteForUser(user.id, currentSessionId);
    });
    await this.audit.record('password_changed', { actorId: user.id, targetId: user.id, ip });
  }

  /** An admin-issued one-time link token; only its hash is stored. */
  async issueReset(
    userId: string,
    adminId: string | null,
    ip: string | null,
  ): Promise<{ token: string; expiresAt: number }> {
    const user = await this.storage.users.findById(userId);
    if (!user) throw notFound('user');
    const token = randomToken();
    const now = this.clock.now();
    const expiresAt = now + RESET_LINK_TTL_MS;
    await this.storage.passwordResets.create({
      id: sha256(token),
      userId,
      createdBy: adminId,
      createdAt: now,
      expiresAt,
    });
    await this.audit.record('password_reset_issued', { actorId: adminId, targetId: userId, ip });
    return { token, expiresAt };
  }

  /**
   * A one-time reset token the user asked for themselves (password reset by email): like issueReset
   * but with no admin, audited as `via: 'email'`, and none for a missing or disabled account.
   */
  async issueEmailReset(
    userId: string,
    ip: string,
  ): Promise<{ token: string; expiresAt: number } | undefined> {
    const user = await this.storage.users.findById(userId);
    if (!user || user.disabled) return undefined;
    const token = randomToken();
    const now = this.clock.now();
    const expiresAt = now + RESET_LINK_TTL_MS;
    await this.storage.passwordResets.create({
      id: sha256(token),
      userId,
      createdBy: null,
      createdAt: now,
      expiresAt,
    });
    await this.audit.record(
      'password_reset_issued',
      { actorId: null, targetId: userId, ip },
      { via: 'email' },
    );
    return { token, expiresAt };
  }

  /** Uses a reset token: sets the password and ends every session of the user. */
  async resetPassword(token: string, newPassword: string, ip: string): Promise<void> {
    const now = this.clock.now();
    const id = sha256(token);
    const invalid = () =>
      new AppError(400, 'VALIDATION_ERROR', 'this reset link is invalid, used or expired');
    const userId = await this.storage.passwordResets.find(id, now);
    const user = userId === undefined ? undefined : await this.storage.users.findById(userId);
    if (!user) throw invalid();
    // The new password is checked before the link is used up: a refused password (too short,
    // common) leaves the link valid for another try.
    this.checkPassword(newPassword, user.username);
    const passwordHash = await this.hasher.hash(newPassword);
    await this.storage.transaction(async (repos) => {
      // Used up in the same transaction as the change: of two concurrent uses, exactly one wins.
      if ((await repos.passwordResets.consume(id, now)) !== user.id) throw invalid();
      await repos.users.update(user.id, { passwordHash }, now);
      await repos.sessions.deleteForUser(user.id);
    });
    await this.audit.record('password_reset_used', { actorId: user.id, targetId: user.id, ip });
  }

  /** Creates an account without a session (admin bootstrap, `textai users create`). */
  async createUser(
    input: { username: string; email: string; password: string; tier: UserTier },
    actorId: string | null,
  ): Promise<User> {
    this.checkPassword(input.password, input.username);
    if (await this.storage.users.findByUsername(input.username)) {
      throw new AppError(409, 'CONFLICT', 'this username is taken');
    }
    const passwordHash = await this.hasher.hash(input.password);
    const user = await this.storage.users.create({ ...input, passwordHash }, this.clock.now());
    await this.audit.record('user_created', { actorId, targetId: user.id }, { tier: input.tier });
    return user;
  }

  async setTier(userId: string, tier: UserTier, actorId: string | null, ip: string | null): Promise<User> {
    const before = await this.storage.users.findById(userId);
    if (!before) throw notFound('user');
    const user = await this.storage.users.update(userId, { tier }, this.clock.now());
    if (!user) throw notFound('user');
    this.onUserChanged(userId);
    await this.audit.record(
      'tier_changed',
      { actorId, targetId: userId, ip },
      { from: before.tier, to: tier },
    );
    return user;
  }

  /** Disabling ends every session at once; the user's keys stop because key lookups check the user. */
  async setDisabled(
    userId: string,
    disabled: boolean,
    actorId: string | null,
    ip: string | null,
  ): Promise<User> {
    const user = await this.storage.transaction(async (repos) => {
      const updated = await repos.users.update(userId, { disabled }, this.clock.now());
      if (updated && disabled) await repos.sessions.deleteForUser(userId);
      return updated;
    });
    if (!user) throw notFound('user');
    this.onUserChanged(userId);
    await this.audit.record(disabled ? 'user_disabled' : 'user_enabled', { actorId, targetId: userId, ip });
    return user;
  }

  async setStoreInputs(user: User, storeInputs: boolean): Promise<User> {
    const updated = await this.storage.users.update(user.id, { storeInputs }, this.clock.now());
    if (!updated) throw notFound('user');
    return updated;
  }

  /** Deletes the account and everything stored about it, after re-checking the password. */
  async deleteAccount(user: User, password: string, ip: string): Promise<void> {
    const stored = await this.storage.users.findById(user.id);
    if (!stored || !(await this.hasher.verify(password, stored.passwordHash))) {
      throw new AppError(401, 'INVALID_CREDENTIALS', 'the password is wrong');
    }
    await this.storage.users.delete(user.id);
    this.onUserChanged(user.id);
    // The audit trail keeps that an account was deleted, not whose: the id is all that remains.
    await this.audit.record('account_deleted', { targetId: user.id, ip });
  }

  private checkPassword(password: string, username: string): void {
    const problems = passwordProblems(password, username);
    if (problems.length > 0) {
      throw new AppError(400, 'WEAK_PASSWORD', `password rejected: ${problems.join('; ')}`, { problems });
    }
  }

  private async startSession(user: User, client: ClientInfo): Promise<LoggedIn> {
    const { token, session } = await this.sessions.create(user, client);
    return { user, token, csrfToken: session.csrfToken };
  }
}
