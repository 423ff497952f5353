/**
 * The contract every store driver must pass (SQLite, PostgreSQL). A driver's test file calls
 * `runStoreContract('sqlite', driver)` with a `StoreDriver` (contract/harness.ts): fresh empty
 * databases, a second connection to the same database, and a per-table count of an account's rows.
 * Every section works on `db.forAccount(...)` stores, beside a neighbour account holding the same
 * provider ids, so each assertion also proves that nothing reads across accounts.
 */
import { describe } from 'vitest';
import { accountsContract } from './contract/accounts-contract.js';
import { chunkContract } from './contract/chunk-contract.js';
import { concurrencyContract } from './contract/concurrency-contract.js';
import { connectionsContract } from './contract/connections-contract.js';
import { coverageContract } from './contract/coverage-contract.js';
import { dumpContract } from './contract/dump-contract.js';
import { eventsContract } from './contract/events-contract.js';
import type { StoreDriver } from './contract/harness.js';
import { maintenanceContract } from './contract/maintenance-contract.js';
import { recordsContract } from './contract/records-contract.js';
import { retentionContract } from './contract/retention-contract.js';
import { samplesContract } from './contract/samples-contract.js';

export type { StoreDriver };

/** Registers the whole shared suite under `Store contract: <name>`. */
export function runStoreContract(name: string, driver: StoreDriver): void {
  describe(`Store contract: ${name}`, () => {
    recordsContract(driver);
    samplesContract(driver);
    coverageContract(driver);
    eventsContract(driver);
    maintenanceContract(driver);
    accountsContract(driver);
    chunkContract(driver);
    concurrencyContract(driver);
    retentionContract(driver);
    connectionsContract(driver);
    dumpContract(driver);
  });
}
