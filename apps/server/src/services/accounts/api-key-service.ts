import type { ApiKey, ApiKeyRepository, ApiKeyScope, User } from '../../storage/repositories.ts';
import { API_KEY_SCOPES } from '../../storage/repositories.ts';
import type { AuditService } from '../audit.ts';
import type { Clock } from '../clock.ts';
import { AppError, notFound } from '../errors.ts';
import { randomToken, sha256 } from '../secrets.ts';
import { bookkeepingWrite } from '../storage-faults.ts';

/** last_used_at is written at most once a minute per key: a busy key must not write on every call. */
const TOUCH_INTERVAL_MS = 60_000;
const KEY_PATTERN = /^tai_[A-Za-z0-9_-]{43}$/;

/**
 * API keys: `tai_` + 256 random bits. The full key is returned once; the database keeps its
 * SHA-256 (a key is random, so a slow hash adds nothing), the prefix and the last 4 characters.
 */
/**
 * A verified key is remembered this long, so a busy key costs no database read per request.
 * Revoking a key, or disabling or re-tiering its user, forgets it at once in this process; other
 * processes see the change within this time.
 */
const CACHE_TTL_MS = 5_000;
const CACHE_MAX = 10_000;

export class ApiKeyService {
  private readonly touched = new Map<string, number>();
  private readonly verified = new Map<string, { key: ApiKey; user: User; until: number }>();

  constructor(
    private readonly repo: ApiKeyRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(
    user: User,
    input: { name: string; expiresInDays?: number; scopes?: ApiKeyScope[] },
    ip: string,
  ): Promise<{ key: ApiKey; secret: string }> {
    const secret = `tai_${randomToken(32)}`;
    const now = this.clock.now();
    const key: ApiKey = {
      id: crypto.randomUUID(),
      userId: user.id,
      name: input.name,
      prefix: secret.slice(0, 8),
      last4: secret.slice(-4),
      scopes: input.scopes ? [...new Set(input.scopes)] : [...API_KEY_SCOPES],
      createdAt: now,
      expiresAt: input.expiresInDays === undefined ? null : now + input.expiresInDays * 86_400_000,
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.repo.create({ ...key, keyHash: sha256(secret) });
    await this.audit.record(
      'key_created',
      { actorId: user.id, targetId: user.id, ip },
      { key_id: key.id, name: key.name },
    );
    return { key, secret };
  }

  list(user: User): Promise<ApiKey[]> {
    return this.repo.listForUser(user.id);
  }

  async revoke(user: User, keyId: string, ip: string): Promise<void> {
    if (!(await this.repo.revoke(keyId, user.id, this.clock.now()))) throw notFound('API key');
    for (const [hash, entry] of this.verified) if (entry.key.id === keyId) this.verified.delete(hash);
    await this.audit.record('key_revoked', { actorId: user.id, targetId: user.id, ip }, { key_id: keyId });
  }

  /** Forgets the cached keys of a user whose state (disabled, tier) changed. */
  forgetUser(userId: string): void {
    for (const [hash, entry] of this.verified) if (entry.user.id === userId) this.verified.delete(hash);
  }

  /** The key's owner and the key, or a 401 INVALID_API_KEY for anything unusable. */
  async authenticate(secret: string): Promise<{ key: ApiKey; user: User }> {
    const invalid = () => new AppError(401, 'INVALID_API_KEY', 'the API key is invalid, expired or revoked');
    if (!KEY_PATTERN.test(secret)) throw invalid();
    const hash = sha256(secret);
    const now = this.clock.now();
    const remembered = this.verified.get(hash);
    const found =
      remembered !== undefined && remembered.until > now ? remembered : await this.repo.findByHash(hash);
    if (
      !found ||
      found.key.revokedAt !== null ||
      (found.key.expiresAt !== null && found.key.expiresAt <= now) ||
      found.user.disabled
    ) {
      this.verified.delete(hash);
      throw invalid();
    }
    if (found !== remembered) {
      if (this.verified.size >= CACHE_MAX) this.verified.clear();
      this.verified.set(hash, { key: found.key, user: found.user, until: now + CACHE_TTL_MS });
    }
    const last = this.touched.get(found.key.id) ?? found.key.lastUsedAt ?? 0;
    if (now - last >= TOUCH_INTERVAL_MS) {
      this.touched.set(found.key.id, now);
      if (!(await bookkeepingWrite(() => this.repo.touch(found.key.id, now))))
        this.touched.delete(found.key.id);
    }
    return found;
  }
}
