import type { Kysely } from 'kysely';
import type { ApiKey, ApiKeyRepository, User } from '../repositories.ts';
import type { Database } from '../schema.ts';
import { toApiKey, toUser } from './rows.ts';

export class KyselyApiKeyRepository implements ApiKeyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(key: ApiKey & { keyHash: string }): Promise<void> {
    await this.db
      .insertInto('api_keys')
      .values({
        id: key.id,
        user_id: key.userId,
        name: key.name,
        key_hash: key.keyHash,
        prefix: key.prefix,
        last4: key.last4,
        scopes: JSON.stringify(key.scopes),
        created_at: key.createdAt,
        expires_at: key.expiresAt,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
  }

  async findByHash(keyHash: string): Promise<{ key: ApiKey; user: User } | undefined> {
    const row = await this.db
      .selectFrom('api_keys')
      .innerJoin('users', 'users.id', 'api_keys.user_id')
      .selectAll('users')
      .select([
        'api_keys.id as key_id',
        'api_keys.name',
        'api_keys.key_hash',
        'api_keys.prefix',
        'api_keys.last4',
        'api_keys.scopes',
        'api_keys.created_at as key_created_at',
        'api_keys.expires_at',
        'api_keys.last_used_at',
        'api_keys.revoked_at',
      ])
      .where('api_keys.key_hash', '=', keyHash)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const key = toApiKey({
      id: row.key_id,
      user_id: row.id,
      name: row.name,
      key_hash: row.key_hash,
      prefix: row.prefix,
      last4: row.last4,
      scopes: row.scopes,
      created_at: row.key_created_at,
      expires_at: row.expires_at,
      last_used_at: row.last_used_at,
      revoked_at: row.revoked_at,
    });
    return { key, user: toUser(row) };
  }

  async listForUser(userId: string): Promise<ApiKey[]> {
    const rows = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toApiKey);
  }

  async revoke(id: string, userId: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async touch(id: string, now: number): Promise<void> {
    await this.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
  }
}
