/** The SQLite driver: the shared contract on real files, plus file-level guarantees. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { runStoreContract } from './store-contract.js';

const root = mkdtempSync(join(tmpdir(), 'wearables-store-contract-'));
let counter = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

runStoreContract('sqlite', ({ now }) => openSqliteStore({ path: join(root, `store-${++counter}`, 'wearables.db'), now }));
