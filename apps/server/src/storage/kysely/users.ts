import { sql, type Kysely } from 'kysely';
import type {
  NewUser,
  Page,
  PageRequest,
  User,
  UserPatch,
  UserRepository,
  UserWithSecret,
} from '../repositories.ts';
import type { Database, UsersTable } from '../schema.ts';
import { containsPattern, toUser, toUserWithSecret } from './rows.ts';

export class KyselyUserRepository implements UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(user: NewUser, now: number): Promise<User> {
    const row: UsersTable = {
      id: crypto.randomUUID(),
      username: user.username,
      email: user.email,
      password_hash: user.passwordHash,
      tier: user.tier,
      disabled: 0,
      store_inputs: 1,
      created_at: now,
      updated_at: now,
      password_changed_at: now,
    };
    await this.db.insertInto('users').values(row).execute();
    return toUser(row);
  }

  async findById(id: string): Promise<UserWithSecret | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUserWithSecret(row);
  }

  async findByUsername(username: string): Promise<UserWithSecret | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row && toUserWithSecret(row);
  }

  async findByEmail(email: string, limit: number): Promise<User[]> {
    // No index on email: this serves self-service password resets, which are rare and throttled.
    const rows = await this.db
      .selectFrom('users')
      .selectAll()
      .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toUser);
  }

  async list(query: PageRequest & { search?: string }): Promise<Page<User>> {
    let base = this.db.selectFrom('users');
    if (query.search) {
      const pattern = containsPattern(query.search);
      base = base.where(
        sql<boolean>`(lower(username) like ${pattern} escape '\\' or lower(email) like ${pattern} escape '\\')`,
      );
    }
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
    return { items: rows.map(toUser), total: Number(total.n) };
  }

  async update(id: string, patch: UserPatch, now: number): Promise<User | undefined> {
    const values: Partial<UsersTable> = { updated_at: now };
    if (patch.email !== undefined) values.email = patch.email;
    if (patch.tier !== undefined) values.tier = patch.tier;
    if (patch.disabled !== undefined) values.disabled = patch.disabled ? 1 : 0;
    if (patch.storeInputs !== undefined) values.store_inputs = patch.storeInputs ? 1 : 0;
    if (patch.passwordHash !== undefined) {
      values.password_hash = patch.passwordHash;
      values.password_changed_at = now;
    }
    await this.db.updateTable('users').set(values).where('id', '=', id).execute();
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
