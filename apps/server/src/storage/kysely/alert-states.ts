import type { Kysely } from 'kysely';
import type { AlertState, AlertStateRepository, AlertStatus } from '../repositories.ts';
import type { Database } from '../schema.ts';

export class KyselyAlertStateRepository implements AlertStateRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(kind: string): Promise<AlertState | undefined> {
    const row = await this.db
      .selectFrom('alert_states')
      .selectAll()
      .where('kind', '=', kind)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      kind: row.kind,
      firing: Number(row.firing) === 1,
      lastSentAt: row.last_sent_at === null ? null : Number(row.last_sent_at),
    };
  }

  async recordSent(kind: string, status: AlertStatus, at: number): Promise<void> {
    const firing = status === 'firing' ? 1 : 0;
    // A "resolved" notice leaves last_sent_at alone: the cool-down counts from the last alert.
    const sentAt = status === 'firing' ? { last_sent_at: at } : {};
    await this.db
      .insertInto('alert_states')
      .values({ kind, firing, last_sent_at: status === 'firing' ? at : null })
      .onConflict((conflict) => conflict.column('kind').doUpdateSet({ firing, ...sentAt }))
      .execute();
  }
}
