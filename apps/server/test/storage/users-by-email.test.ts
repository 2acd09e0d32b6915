import { describe, expect, it } from 'vitest';
import type { OpenedStorage } from '../../src/storage/index.ts';
import {
  postgresTestDatabase,
  postgresUnavailableReason,
  requirePostgres,
  sqliteTestDatabase,
  type TestDatabase,
} from '../helpers/databases.ts';
import { migratedStorageForSuite } from '../helpers/migrated-storage.ts';

// UserRepository.findByEmail on both dialects (password reset by email looks accounts up with it).
const pgReason = await postgresUnavailableReason();
if (pgReason !== null && requirePostgres) {
  throw new Error(`PostgreSQL is required (REQUIRE_POSTGRES=1) but unreachable: ${pgReason}`);
}

const dialects: { name: string; make: () => Promise<TestDatabase>; skip: boolean }[] = [
  { name: 'sqlite', make: () => Promise.resolve(sqliteTestDatabase()), skip: false },
  { name: 'postgres', make: postgresTestDatabase, skip: pgReason !== null },
];

describe.each(dialects)('users by email on $name', ({ make, skip }) => {
  let storage: OpenedStorage;
  migratedStorageForSuite({ make, skip }, (opened) => (storage = opened));

  it.skipIf(skip)(
    'matches case-insensitively, oldest first, up to the limit; emails are not unique',
    async () => {
      const add = (username: string, email: string, at: number) =>
        storage.users.create({ username, email, passwordHash: 'x', tier: 'user' }, at);
      const first = await add('mail_a', 'Shared@Example.org', 1000);
      const second = await add('mail_b', 'shared@example.org', 2000);
      const third = await add('mail_c', 'SHARED@EXAMPLE.ORG', 3000);
      await add('mail_d', 'other@example.org', 4000);

      const found = await storage.users.findByEmail(' shared@EXAMPLE.org ', 10);
      expect(found.map((u) => u.id)).toEqual([first.id, second.id, third.id]);
      expect(found[0]).not.toHaveProperty('passwordHash');
      expect((await storage.users.findByEmail('shared@example.org', 2)).map((u) => u.id)).toEqual([
        first.id,
        second.id,
      ]);
      expect(await storage.users.findByEmail('nobody@example.org', 10)).toEqual([]);
      // LIKE wildcards are not patterns here.
      expect(await storage.users.findByEmail('%@example.org', 10)).toEqual([]);
    },
  );
});
