/** How a contract section gets a fresh store per test (closed again afterwards). */
import { afterEach, expect } from 'vitest';
import { WearablesError } from '../../../src/core/errors.js';
import type { Store } from '../../../src/store/store.js';
import { testClock, type TestClock } from '../store-fixtures.js';

/** Opens a new, empty store whose clock is `now`. */
export type OpenStore = (options: { now: () => Date }) => Promise<Store>;

/** Registers cleanup and returns a function giving each test its own store and clock. */
export function storeFactory(open: OpenStore): (clock?: TestClock) => Promise<{ store: Store; clock: TestClock }> {
  const opened: Store[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });
  return async (clock = testClock()) => {
    const store = await open({ now: clock.now });
    opened.push(store);
    return { store, clock };
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
