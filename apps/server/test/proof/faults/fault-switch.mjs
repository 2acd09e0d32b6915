// Preloaded into a `textai serve` child (node --import) by the fault tests, for where the kernel
// cannot make the running server's database full or read-only (no mount permission; a read-only
// remount refused while the server holds its files open for writing). On SIGUSR2 it reads the
// state wanted from the file FAULT_SWITCH_FILE names — "read-only", "full" or "off" — and puts
// every SQLite connection of the process into it: `query_only` fails writes with SQLITE_READONLY
// as a read-only database file does; a page limit at the current size fails growth with
// SQLITE_FULL as a full disk does. It prints one line per change, which the test waits for.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import Database from 'better-sqlite3';

const connections = new Set();
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function prepareAndRemember(...args) {
  connections.add(this);
  return prepare.apply(this, args);
};

const NO_PAGE_LIMIT = 4294967294;

process.on('SIGUSR2', () => {
  const wanted = readFileSync(process.env.FAULT_SWITCH_FILE ?? '', 'utf8').trim();
  for (const db of connections) {
    if (!db.open) continue;
    db.pragma(`query_only = ${wanted === 'read-only' ? 'ON' : 'OFF'}`);
    const pages = wanted === 'full' ? Number(db.pragma('page_count', { simple: true })) : NO_PAGE_LIMIT;
    db.pragma(`max_page_count = ${pages}`);
  }
  process.stdout.write(`[fault-switch] ${wanted}\n`);
});
