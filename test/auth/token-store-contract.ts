/**
 * The TokenStore contract, shared by the tokens file (local mode) and the database token store
 * (hosted mode: SQLite and PostgreSQL connection rows). The token manager relies on exactly this:
 * round trips, exclusion of read-modify-write across store instances (processes), the
 * refresh-pending mark committed before the refresh is sent, reconnect marks, removal, another
 * key told apart from damage, and change notification.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnectionsWatcher } from '../../src/auth/connections-watcher.js';
import type { TokenStore } from '../../src/auth/token-store.js';
import type { TokenSet } from '../../src/core/token-set.js';
import { silentLogger } from '../../src/logging/logger.js';

export interface TokenStoreHarness {
  /** A store instance over the shared storage (as another process would open it), with `key`. */
  open(key: Buffer): TokenStore;
  /** Everything kept at rest, as text (file bytes, rows), for the "no plaintext" check. */
  atRest(): Promise<string>;
  close(): Promise<void>;
}

export function tokens(accessToken: string): TokenSet {
  return { kind: 'oauth', accessToken, refreshToken: `refresh-${accessToken}`, expiresAt: 2_000_000_000_000, obtainedAt: 1_700_000_000_000 };
}

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Registers the contract for one kind of store; `setup` gives fresh, empty storage per test. */
export function describeTokenStoreContract(name: string, setup: () => Promise<TokenStoreHarness>): void {
  describe(`TokenStore contract: ${name}`, () => {
    let harness: TokenStoreHarness;
    const key = randomBytes(32);
    const open = (cipherKey: Buffer = key) => harness.open(cipherKey);

    beforeEach(async () => {
      harness = await setup();
    });
    afterEach(async () => {
      await harness.close();
    });

    it('round-trips a token set and keeps only ciphertext at rest', async () => {
      const store = open();
      expect(await store.read('oura')).toBeUndefined();
      expect(await store.connectedProviders()).toEqual([]);
      await store.transaction(async (transaction) => {
        await transaction.write('whoop', tokens('access-whoop-123456'));
        await transaction.write('oura', tokens('access-oura-123456'));
      });
      expect(await store.read('oura')).toEqual({ tokens: tokens('access-oura-123456'), reconnectNeeded: false, refreshInterrupted: false });
      expect((await open().read('whoop'))?.tokens).toEqual(tokens('access-whoop-123456'));
      expect(await open().connectedProviders()).toEqual(['oura', 'whoop']);
      const rest = await harness.atRest();
      expect(rest.length).toBeGreaterThan(0);
      expect(rest).not.toContain('access-oura-123456');
      expect(rest).not.toContain('refresh-access-whoop');
    });

    it('serialises read-modify-write across store instances: no update is lost', async () => {
      const stores = [open(), open(), open()];
      await stores[0]!.transaction((transaction) => transaction.write('oura', tokens('0')));
      // Each transaction reads the counter, yields, and writes counter + 1: without exclusion
      // two of them read the same value and one increment is lost.
      await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          stores[index % 3]!.transaction(async (transaction) => {
            const current = Number((await transaction.read('oura'))?.tokens.accessToken);
            await new Promise((resolve) => setTimeout(resolve, 5));
            await transaction.write('oura', tokens(String(current + 1)));
          }),
        ),
      );
      expect((await open().read('oura'))?.tokens.accessToken).toBe('12');
    });

    it('keeps writes to several providers from several instances', async () => {
      const stores = [open(), open(), open()];
      const ids = ['oura', 'whoop', 'withings'] as const;
      await Promise.all(
        ids.flatMap((id, index) =>
          Array.from({ length: 4 }, (_, round) => stores[index]!.transaction((transaction) => transaction.write(id, tokens(`access-${id}-${round}`)))),
        ),
      );
      expect(await open().connectedProviders()).toEqual(['oura', 'whoop', 'withings']);
    });

    it('tells tokens of another key apart and leaves them untouched when another provider is saved', async () => {
      await open().transaction((transaction) => transaction.write('whoop', tokens('access-whoop-old')));
      const otherKey = open(randomBytes(32));
      await expect(otherKey.read('whoop')).rejects.toMatchObject({ code: 'CONFIG_ERROR', message: expect.stringContaining('encrypted with another key') });
      await otherKey.transaction((transaction) => transaction.write('oura', tokens('access-oura-new')));
      expect((await open().read('whoop'))?.tokens.accessToken).toBe('access-whoop-old');
      expect(await open().connectedProviders()).toEqual(['oura', 'whoop']);
    });

    it('marks a reconnect (with its reason), clears it with new tokens, and removes a connection', async () => {
      const store = open();
      await store.transaction(async (transaction) => {
        await transaction.write('oura', tokens('access-1'));
        await transaction.markReconnectNeeded('oura', 'grant_lost');
        await transaction.markReconnectNeeded('whoop'); // absent: nothing happens
      });
      expect(await open().read('oura')).toMatchObject({ reconnectNeeded: true, reconnectReason: 'grant_lost' });
      expect(await store.read('whoop')).toBeUndefined();
      await store.transaction((transaction) => transaction.write('oura', tokens('access-2')));
      expect(await open().read('oura')).toEqual({ tokens: tokens('access-2'), reconnectNeeded: false, refreshInterrupted: false });
      expect(await store.transaction((transaction) => transaction.remove('oura'))).toBe(true);
      expect(await store.transaction((transaction) => transaction.remove('oura'))).toBe(false);
      expect(await open().connectedProviders()).toEqual([]);
    });

    it('commits the refresh-pending mark before the transaction ends, and clears it with an answer or a refusal', async () => {
      const store = open();
      const observer = open();
      await store.transaction((transaction) => transaction.write('oura', tokens('access-1')));
      await store.transaction(async (transaction) => {
        await transaction.markRefreshPending('oura', true);
        // Another process sees it while the refresh request would be in flight: a crash now
        // leaves it recorded.
        expect((await observer.read('oura'))?.refreshInterrupted).toBe(true);
        expect((await transaction.read('oura'))?.refreshInterrupted).toBe(true);
        await transaction.write('oura', tokens('access-2'));
      });
      expect(await observer.read('oura')).toMatchObject({ tokens: tokens('access-2'), refreshInterrupted: false });

      await store.transaction((transaction) => transaction.markRefreshPending('oura', true));
      await store.transaction((transaction) => transaction.markRefreshPending('oura', false));
      expect((await observer.read('oura'))?.refreshInterrupted).toBe(false);

      await store.transaction(async (transaction) => {
        await transaction.markRefreshPending('oura', true);
        await transaction.markReconnectNeeded('oura', 'rejected');
      });
      expect(await observer.read('oura')).toMatchObject({ reconnectNeeded: true, reconnectReason: 'rejected', refreshInterrupted: false });
    });

    it('notifies the connections watcher of a connection made by another instance, and of nothing else', async () => {
      const watched = open();
      const watcher = createConnectionsWatcher(watched, 25, silentLogger());
      let changes = 0;
      watcher.subscribe(() => changes++);
      try {
        await new Promise((resolve) => setTimeout(resolve, 150));
        expect(changes).toBe(0);
        await open().transaction((transaction) => transaction.write('withings', tokens('access-w')));
        await until(() => changes > 0, 'a change notification');
        expect(await watched.connectedProviders()).toEqual(['withings']);
        // A refreshed token is not a change of the connected set.
        await open().transaction((transaction) => transaction.write('withings', tokens('access-w2')));
        await new Promise((resolve) => setTimeout(resolve, 150));
        expect(changes).toBe(1);
      } finally {
        watcher.close();
      }
    });
  });
}
