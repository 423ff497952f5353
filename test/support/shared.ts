/**
 * The shared folder (provider specs, recorded responses) lives beside the clone, at
 * `<repository root>/../shared`; `WEARABLES_SHARED_DIR` points elsewhere. Tests never copy its files
 * and never read them at import time: they read them inside `describeShared`, which skips its tests
 * with one line saying why when the folder is absent (or fails them when `WEARABLES_REQUIRE_SHARED=1`,
 * as CI sets, so CI cannot pass with such skips).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared folder: `$WEARABLES_SHARED_DIR`, else `<repository root>/../shared`. */
export const SHARED_DIR = process.env.WEARABLES_SHARED_DIR ? resolve(process.env.WEARABLES_SHARED_DIR) : resolve(REPOSITORY_ROOT, '..', 'shared');

/** Whether the shared folder (its `specs/`) is there. */
export function sharedAvailable(): boolean {
  return existsSync(join(SHARED_DIR, 'specs'));
}

/** The absolute path of `parts` inside the shared folder (e.g. `sharedPath('specs', 'whoop', 'x.json')`). */
export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}

/** Reads and parses a JSON file of the shared folder. Call it only inside `describeShared`. */
export function readSharedJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFileSync(sharedPath(...parts), 'utf8')) as T;
}

/**
 * `describe` for tests that read the shared folder: runs them when it is present; otherwise skips
 * them with one console line naming the folder and the variable that moves it.
 */
export function describeShared(name: string, body: () => void): void {
  if (sharedAvailable()) {
    describe(name, body);
    return;
  }
  const why = `shared folder not found at ${SHARED_DIR} (set WEARABLES_SHARED_DIR to its location)`;
  if (process.env.WEARABLES_REQUIRE_SHARED === '1') {
    describe(name, () => {
      throw new Error(`${why}; WEARABLES_REQUIRE_SHARED=1 forbids skipping "${name}"`);
    });
    return;
  }
  console.warn(`[shared] skipping "${name}": ${why}`);
  describe.skip(name, () => undefined);
}
