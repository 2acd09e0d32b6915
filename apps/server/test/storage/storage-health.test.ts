import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { storageFaultOf, type StorageFault } from '../../src/services/storage-faults.ts';
import { StorageHealth } from '../../src/services/storage-health.ts';

/** An error as a driver throws it: a message and a code (SQLite result code, errno or SQLSTATE). */
function coded(code: string, message = 'failed'): Error {
  return Object.assign(new Error(message), { code });
}

describe('storage faults', () => {
  it.each([
    ['SQLITE_FULL', 'disk_full'],
    ['ENOSPC', 'disk_full'],
    ['53100', 'disk_full'],
    ['SQLITE_READONLY', 'read_only'],
    ['SQLITE_READONLY_DBMOVED', 'read_only'],
    ['EROFS', 'read_only'],
    ['25006', 'read_only'],
    ['SQLITE_IOERR_WRITE', 'io_error'],
    ['EIO', 'io_error'],
  ])('%s is a storage fault: %s', (code, kind) => {
    expect(storageFaultOf(coded(code))?.kind).toBe(kind);
  });

  it('finds the fault behind a wrapping error, and nothing in other errors', () => {
    expect(storageFaultOf(new Error('upload failed', { cause: coded('ENOSPC') }))?.kind).toBe('disk_full');
    for (const other of [
      coded('SQLITE_CONSTRAINT_UNIQUE'),
      coded('23505'),
      coded('ECONNREFUSED'),
      new Error('x'),
    ]) {
      expect(storageFaultOf(other)).toBeUndefined();
    }
    expect(storageFaultOf('ENOSPC')).toBeUndefined();
  });

  it('recognises what better-sqlite3 really throws for a read-only connection', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'textai-fault-codes-'));
    try {
      const file = path.join(dir, 'db.sqlite');
      new BetterSqlite3(file).exec('create table t (x)').close();
      const readOnly = new BetterSqlite3(file, { readonly: true });
      let thrown: unknown;
      try {
        readOnly.exec('insert into t values (1)');
      } catch (error) {
        thrown = error;
      }
      readOnly.close();
      expect(storageFaultOf(thrown)?.kind).toBe('read_only');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('storage health', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'textai-health-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function health(probe: () => Promise<void>) {
    const changes: (StorageFault | undefined)[] = [];
    const checker = new StorageHealth({
      storage: { probeWrite: probe },
      dataDir,
      onChange: (fault) => changes.push(fault),
    });
    return { checker, changes };
  }

  it('reports a failed write once, checks afresh after it, and notices the recovery', async () => {
    let failing = true;
    let probes = 0;
    const { checker, changes } = health(() => {
      probes++;
      return failing ? Promise.reject(coded('SQLITE_FULL')) : Promise.resolve();
    });
    for (let i = 0; i < 5; i++) expect(checker.reportFailure(coded('SQLITE_FULL'))?.kind).toBe('disk_full');
    expect(checker.reportFailure(coded('ECONNRESET'))).toBeUndefined();
    expect(changes.map((c) => c?.kind)).toEqual(['disk_full']);

    expect((await checker.check())?.kind).toBe('disk_full');
    // Cached: a second look within the cache time does not probe again.
    expect((await checker.check())?.kind).toBe('disk_full');
    expect(probes).toBe(1);

    failing = false;
    checker.reportFailure(coded('SQLITE_FULL')); // a failure clears the cache
    expect(await checker.check()).toBeUndefined();
    expect(changes.map((c) => c?.kind)).toEqual(['disk_full', undefined]);
  });

  it('leaves other failures of the probe to the reachability check', async () => {
    const { checker, changes } = health(() => Promise.reject(coded('ECONNREFUSED')));
    expect(await checker.check()).toBeUndefined();
    expect(changes).toEqual([]);
  });
});
