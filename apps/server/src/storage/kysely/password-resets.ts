import type { Kysely } from 'kysely';
import type { PasswordResetRepository } from '../repositories.ts';
import type { Database } from '../schema.ts';

export class KyselyPasswordResetRepository implements PasswordResetRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(reset: {
    id: string;
    userId: string;
    createdBy: string | null;
    createdAt: number;
    expiresAt: number;
  }): Promise<void> {
    await this.db
      .insertInto('password_resets')
      .values({
        id: reset.id,
        user_id: reset.userId,
        created_by: reset.createdBy,
        created_at: reset.createdAt,
        expires_at: reset.expiresAt,
        used_at: null,
      })
      .execute();
  }

  async find(id: string, now: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('password_resets')
      .select('user_id')
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row?.user_id;
  }

  async consume(id: string, now: number): Promise<string | undefined> {
    // One conditional UPDATE: of two concurrent uses of the same link, exactly one wins.
    const result = await this.db
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return undefined;
    const row = await this.db
      .selectFrom('password_resets')
      .select('user_id')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.user_id;
  }

  async purgeSpent(now: number): Promise<number> {
    const result = await this.db
      .deleteFrom('password_resets')
      .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', now)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
