/** The SQLite driver: the shared contract on real files (a second connection is a second handle on the file). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';
import { openSqliteDatabase } from '../../src/store/sqlite/index.js';
import { runStoreContract } from './store-contract.js';

const root = mkdtempSync(join(tmpdir(), 'wearables-store-contract-'));
let counter = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Rows of an account in every table that has an `account_id` column, plus samples through their series. */
function accountRowCounts(path: string, accountId: string): Record<string, number> {
  const raw = new Database(path, { readonly: true });
  try {
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const columns = (raw.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]);
      if (columns.includes('account_id')) {
        counts[table] = raw.prepare(`SELECT count(*) FROM "${table}" WHERE account_id = ?`).pluck().get(accountId) as number;
      } else if (table === 'accounts') {
        counts[table] = raw.prepare('SELECT count(*) FROM accounts WHERE id = ?').pluck().get(accountId) as number;
      } else if (table === 'samples') {
        counts[table] = raw.prepare('SELECT count(*) FROM samples WHERE series_id IN (SELECT series_id FROM series WHERE account_id = ?)').pluck().get(accountId) as number;
        // A sample whose series is gone belongs to nobody: count it against every account.
        counts['samples (orphaned)'] = raw.prepare('SELECT count(*) FROM samples WHERE series_id NOT IN (SELECT series_id FROM series)').pluck().get() as number;
      }
    }
    return counts;
  } finally {
    raw.close();
  }
}

runStoreContract('sqlite', {
  openDatabase: ({ now }) => openSqliteDatabase({ path: join(root, `store-${++counter}`, 'wearables.db'), now }),
  openSecondConnection: (db, { now }) => openSqliteDatabase({ path: db.location, now }),
  accountRowCounts: (db, accountId) => Promise.resolve(accountRowCounts(db.location, accountId)),
});
