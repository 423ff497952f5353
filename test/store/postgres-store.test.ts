/**
 * The PostgreSQL driver: the whole shared store contract on a real server, each test in an
 * account of its own inside this file's schema.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openPostgresDatabase, openPostgresStore } from '../../src/store/postgres/index.js';
import { dropSchema, postgresSkipReason, TEST_DATABASE_URL, testSchema } from './postgres-support.js';
import { runStoreContract } from './store-contract.js';

const skip = postgresSkipReason();

if (skip !== null) {
  describe('Store contract: postgres', () => {
    it.skip(skip, () => undefined);
  });
} else {
  const schema = testSchema('contract');
  let counter = 0;
  beforeAll(async () => {
    // Migrate once up front; each test's own pool then finds the schema ready.
    await (await openPostgresDatabase({ url: TEST_DATABASE_URL, schema, poolSize: 1 })).close();
  });
  afterAll(() => dropSchema(schema));
  // A pool per test (its clock), closed with its store; each test is an account of its own.
  runStoreContract('postgres', ({ now }) => openPostgresStore({ url: TEST_DATABASE_URL, schema, now, poolSize: 3, accountId: `test-${++counter}` }));
}
