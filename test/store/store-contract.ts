/**
 * The contract every Store driver must pass (SQLite now, PostgreSQL later). A driver's test file
 * calls `runStoreContract('sqlite', open)` where `open` returns a new, empty store using the
 * given clock.
 */
import { describe } from 'vitest';
import { coverageContract } from './contract/coverage-contract.js';
import { eventsContract } from './contract/events-contract.js';
import type { OpenStore } from './contract/harness.js';
import { maintenanceContract } from './contract/maintenance-contract.js';
import { recordsContract } from './contract/records-contract.js';
import { samplesContract } from './contract/samples-contract.js';

export type { OpenStore };

/** Registers the whole shared suite under `Store contract: <name>`. */
export function runStoreContract(name: string, open: OpenStore): void {
  describe(`Store contract: ${name}`, () => {
    recordsContract(open);
    samplesContract(open);
    coverageContract(open);
    eventsContract(open);
    maintenanceContract(open);
  });
}
