import type { Session, SessionRepository, User } from '../../storage/repositories.ts';
import type { Clock } from '../clock.ts';
import { randomToken, sha256 } from '../secrets.ts';
import { bookkeepingWrite } from '../storage-faults.ts';

/** last_seen_at is written at most this often, so that a busy session does not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Server-side sessions. The cookie carries a random token; the database keeps only its SHA-256, so
 * a copy of the database does not hold live sessions. A session ends after SESSION_TIMEOUT_MIN
 * idle, after SESSION_MAX_AGE_HOURS whatever the activity, or when its user is disabled.
 */
export class SessionService {
  constructor(
    private readonly repo: SessionRepository,
    private readonly clock: Clock,
    private readonly limits: { idleTimeoutMs: number; maxAgeMs: number },
  ) {}

  async create(
    user: User,
    client: { ip: string; userAgent: string | undefined },
  ): Promise<{ token: string; session: Session }> {
    const token = randomToken();
    const now = this.clock.now();
    const session: Session = {
      id: sha256(token),
      userId: user.id,
      csrfToken: randomToken(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + this.limits.maxAgeMs,
    };
    await this.repo.create({ ...session, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null });
    return { token, session };
  }

  /** The live session of a cookie token, or undefined (and the stale row is removed). */
  async resolve(token: string): Promise<{ session: Session; user: User } | undefined> {
    const id = sha256(token);
    const found = await this.repo.find(id);
    if (found === undefined) return undefined;
    const now = this.clock.now();
    const { session, user } = found;
    if (now >= session.expiresAt || now - session.lastSeenAt > this.limits.idleTimeoutMs || user.disabled) {
      await this.repo.delete(id);
      return undefined;
    }
    if (now - session.lastSeenAt >= TOUCH_INTERVAL_MS) {
      if (await bookkeepingWrite(() => this.repo.touch(id, now))) session.lastSeenAt = now;
    }
    return found;
  }

  async end(sessionId: string): Promise<void> {
    await this.repo.delete(sessionId);
  }

  endAllFor(userId: string, exceptSessionId?: string): Promise<number> {
    return this.repo.deleteForUser(userId, exceptSessionId);
  }

  purgeExpired(): Promise<number> {
    const now = this.clock.now();
    return this.repo.deleteExpired(now - this.limits.idleTimeoutMs, now);
  }
}
