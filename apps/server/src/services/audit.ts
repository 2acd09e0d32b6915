import type { AuditRepository } from '../storage/repositories.ts';
import type { Clock } from './clock.ts';

export type AuditEventName =
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'signup'
  | 'password_changed'
  | 'password_reset_issued'
  | 'password_reset_used'
  | 'key_created'
  | 'key_revoked'
  | 'tier_changed'
  | 'user_disabled'
  | 'user_enabled'
  | 'user_created'
  | 'account_deleted';

/** Security and admin events, kept for the admin's audit page. Never given secrets. */
export class AuditService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly clock: Clock,
    private readonly retentionDays: number,
  ) {}

  async record(
    event: AuditEventName,
    who: { actorId?: string | null; targetId?: string | null; ip?: string | null },
    details: Record<string, unknown> | null = null,
  ): Promise<void> {
    await this.repo.insert({
      id: crypto.randomUUID(),
      actorId: who.actorId ?? null,
      event,
      targetId: who.targetId ?? null,
      ip: who.ip ?? null,
      details,
      createdAt: this.clock.now(),
    });
  }

  /** Entries past AUDIT_RETENTION_DAYS (the scheduled retention task). */
  purgeExpired(): Promise<number> {
    return this.repo.purgeOlderThan(this.clock.now() - this.retentionDays * 86_400_000);
  }
}
