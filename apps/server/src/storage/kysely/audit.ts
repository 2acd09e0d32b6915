import type { Kysely } from 'kysely';
import type { AuditEvent, AuditRepository, Page, PageRequest } from '../repositories.ts';
import type { Database } from '../schema.ts';
import { toAuditEvent } from './rows.ts';

export class KyselyAuditRepository implements AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(event: AuditEvent): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: event.id,
        actor_id: event.actorId,
        event: event.event,
        target_id: event.targetId,
        ip: event.ip,
        details: event.details === null ? null : JSON.stringify(event.details),
        created_at: event.createdAt,
      })
      .execute();
  }

  async list(query: PageRequest & { event?: string; actorId?: string }): Promise<Page<AuditEvent>> {
    let base = this.db.selectFrom('audit_log');
    if (query.event !== undefined) base = base.where('event', '=', query.event);
    if (query.actorId !== undefined) base = base.where('actor_id', '=', query.actorId);
    const [rows, total] = await Promise.all([
      base
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toAuditEvent), total: Number(total.n) };
  }

  async listForUser(userId: string): Promise<AuditEvent[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where((eb) => eb.or([eb('actor_id', '=', userId), eb('target_id', '=', userId)]))
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toAuditEvent);
  }

  async purgeOlderThan(cutoff: number): Promise<number> {
    const result = await this.db.deleteFrom('audit_log').where('created_at', '<', cutoff).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
