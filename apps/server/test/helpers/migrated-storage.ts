import { afterAll, beforeAll } from 'vitest';
import { openStorage, type OpenedStorage } from '../../src/storage/index.ts';
import type { TestDialect } from './databases.ts';

/**
 * A fresh, migrated database of the dialect for the calling suite: made and opened before its
 * tests, closed and dropped after (nothing when the dialect is skipped). `onOpen` hands the
 * storage to the suite's own variable.
 */
export function migratedStorageForSuite(
  dialect: Pick<TestDialect, 'make' | 'skip'>,
  onOpen: (storage: OpenedStorage) => void,
): void {
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (dialect.skip) return;
    const database = await dialect.make();
    const storage = openStorage(database.target);
    close = async () => {
      await storage.close();
      await database.drop();
    };
    await storage.migrate();
    onOpen(storage);
  });
  afterAll(async () => {
    await close?.();
  });
}
