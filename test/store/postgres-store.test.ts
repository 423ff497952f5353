/**
 * The PostgreSQL driver: the whole shared store contract on a real server. Every fresh database
 * of the contract is a schema of its own (created by the driver's `schema` option, dropped after
 * the file); a second connection is a second pool on the same schema.
 */
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import type { StoreDatabase } from '../../src/store/database.js';
import { openPostgresDatabase } from '../../src/store/postgres/index.js';
import { dropSchema, postgresSkipReason, TEST_DATABASE_URL, testSchema } from './postgres-support.js';
import { runStoreContract } from './store-contract.js';

const skip = postgresSkipReason();

if (skip !== null) {
  describe('Store contract: postgres', () => {
    it.skip(skip, () => undefined);
  });
} else {
  const schemas = new Map<StoreDatabase, string>();
  afterAll(async () => {
    for (const schema of new Set(schemas.values())) await dropSchema(schema);
  });

  /** Rows of an account in every table with an `account_id` column, plus samples through their series. */
  async function accountRowCounts(db: StoreDatabase, accountId: string): Promise<Record<string, number>> {
    const schema = schemas.get(db);
    if (schema === undefined) throw new Error('unknown test database');
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string; has_account: boolean }>(
        `SELECT t.table_name, EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'account_id') AS has_account
FROM information_schema.tables t WHERE t.table_schema = $1 AND t.table_type = 'BASE TABLE' ORDER BY t.table_name`,
        [schema],
      );
      const counts: Record<string, number> = {};
      const count = async (sql: string, values: unknown[] = []): Promise<number> => Number((await client.query<{ n: string }>(sql, values)).rows[0]?.n ?? 0);
      for (const { table_name: table, has_account: hasAccount } of tables.rows) {
        if (hasAccount) counts[table] = await count(`SELECT count(*) AS n FROM "${schema}"."${table}" WHERE account_id = $1`, [accountId]);
        else if (table === 'accounts') counts[table] = await count(`SELECT count(*) AS n FROM "${schema}".accounts WHERE id = $1`, [accountId]);
        else if (table === 'samples') {
          counts[table] = await count(`SELECT count(*) AS n FROM "${schema}".samples WHERE series_id IN (SELECT series_id FROM "${schema}".series WHERE account_id = $1)`, [accountId]);
          counts['samples (orphaned)'] = await count(`SELECT count(*) AS n FROM "${schema}".samples WHERE series_id NOT IN (SELECT series_id FROM "${schema}".series)`);
        }
      }
      return counts;
    } finally {
      await client.end();
    }
  }

  runStoreContract('postgres', {
    async openDatabase({ now }) {
      const schema = testSchema('contract');
      const db = await openPostgresDatabase({ url: TEST_DATABASE_URL, schema, now, poolSize: 4 });
      schemas.set(db, schema);
      return db;
    },
    async openSecondConnection(db, { now }) {
      const schema = schemas.get(db) as string;
      const other = await openPostgresDatabase({ url: TEST_DATABASE_URL, schema, now, poolSize: 4 });
      schemas.set(other, schema);
      return other;
    },
    accountRowCounts,
  });
}
