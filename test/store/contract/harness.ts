/**
 * How the contract reaches a driver. A driver's test file passes a `StoreDriver`: a factory of
 * fresh, empty databases, a way to open a second connection to the same database (what another
 * process or machine would hold), and a catalog query counting an account's rows in every table.
 * Sections then work on `db.forAccount(...)` views only, so nothing here is driver-specific SQL.
 */
import { afterEach, expect } from 'vitest';
import { WearablesError } from '../../../src/core/errors.js';
import type { StoreDatabase } from '../../../src/store/database.js';
import type { Store } from '../../../src/store/store.js';
import { days, heartRate, sleepRecord, testClock, type TestClock } from '../store-fixtures.js';

export interface StoreDriver {
  /** A new, empty database (no accounts) whose clock is `now`. */
  openDatabase(options: { now: () => Date }): Promise<StoreDatabase>;
  /**
   * Another connection (pool, handle) to the SAME database as `db`, as a second process would
   * open it: its writes and locks are its own. Closed by the harness.
   */
  openSecondConnection(db: StoreDatabase, options: { now: () => Date }): Promise<StoreDatabase>;
  /**
   * Rows of `accountId` in every table of the database, by table name (the driver reads its own
   * catalog, so a table added later is counted without touching the contract). Rows that belong
   * to an account through another table (samples through their series) count too.
   */
  accountRowCounts(db: StoreDatabase, accountId: string): Promise<Record<string, number>>;
}

/** The account every section's `store` belongs to. */
export const ACCOUNT = 'contract-a';
/** A neighbour account seeded with the same provider ids, so every section also proves isolation. */
export const NEIGHBOUR = 'contract-b';

/** What the neighbour holds: records of these days, samples, coverage, a cursor, a sync run. */
export const NEIGHBOUR_DAYS = days('2024-05-01', 7);
export const NEIGHBOUR_SAMPLES = 24;

export interface FreshStore {
  store: Store;
  clock: TestClock;
  db: StoreDatabase;
  /** The neighbour account's store on the same database. */
  neighbour: Store;
  /** Opens another connection to the same database (closed after the test). */
  second(): Promise<StoreDatabase>;
}

export interface FreshOptions {
  clock?: TestClock;
  /** Seed the neighbour account (default true). */
  neighbour?: boolean;
}

/** Fills the neighbour with the same ids the sections use, with different content. */
async function seedNeighbour(store: Store): Promise<void> {
  await store.upsertRecords(NEIGHBOUR_DAYS.map((day) => sleepRecord(day, { data: { score: 1, neighbour: true }, raw: { neighbour: day } })));
  await store.upsertSamples(heartRate(Date.parse('2024-05-01T00:00:00Z'), NEIGHBOUR_SAMPLES).map((sample) => ({ ...sample, value: 1 })));
  await store.markCovered('oura', 'daily_sleep', { start: '2023-01-01', end: '2025-01-01' }, '2024-05-01T00:00:00Z');
  await store.setCursor('oura', 'daily_sleep', 'neighbour-cursor');
  await store.startSyncRun({ provider: 'oura', resources: ['daily_sleep'], mode: 'full' });
}

/** Registers cleanup and returns a function giving each test its own database, account store and clock. */
export function storeFactory(driver: StoreDriver): (options?: FreshOptions | TestClock) => Promise<FreshStore> {
  const opened: StoreDatabase[] = [];
  afterEach(async () => {
    // Second connections first: the first may own the files or schema.
    for (const db of opened.splice(0).reverse()) await db.close();
  });
  return async (options = {}) => {
    const { clock = testClock(), neighbour = true } = 'now' in options ? { clock: options } : options;
    const db = await driver.openDatabase({ now: clock.now });
    opened.push(db);
    await db.accounts.ensure(ACCOUNT);
    await db.accounts.ensure(NEIGHBOUR);
    const neighbourStore = db.forAccount(NEIGHBOUR);
    if (neighbour) await seedNeighbour(neighbourStore);
    return {
      store: db.forAccount(ACCOUNT),
      clock,
      db,
      neighbour: neighbourStore,
      second: async () => {
        const other = await driver.openSecondConnection(db, { now: clock.now });
        opened.push(other);
        return other;
      },
    };
  };
}

/** Asserts that `promise` rejects with a WearablesError of `code` that carries a hint. */
export async function expectWearablesError(promise: Promise<unknown>, code: WearablesError['code']): Promise<WearablesError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WearablesError);
  const typed = error as WearablesError;
  expect(typed.code).toBe(code);
  expect(typed.hint ?? '').not.toBe('');
  return typed;
}
