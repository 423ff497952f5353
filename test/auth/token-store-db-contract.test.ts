/**
 * The TokenStore contract on the database token store: SQLite connection rows (several handles
 * on one file, as several processes) and PostgreSQL (when TEST_DATABASE_URL is set). Then what
 * only the database store promises: a row copied into another account does not decrypt, and the
 * key comes from the environment only.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDatabaseEncryptionKey } from '../../src/auth/database-key.js';
import { createDatabaseTokenStore } from '../../src/auth/db-token-store.js';
import { createTokenCipher } from '../../src/auth/encryption.js';
import { silentLogger } from '../../src/logging/logger.js';
import type { StoreDatabase } from '../../src/store/database.js';
import { openSqliteDatabase } from '../../src/store/sqlite/index.js';
import { describeTokenStoreContract, tokens } from './token-store-contract.js';
import { dropSchema, postgresSkipReason, TEST_DATABASE_URL, testSchema } from '../store/postgres-support.js';

const ACCOUNT = 'acct-tokens';

async function sqliteHarness() {
  const folder = await mkdtemp(join(tmpdir(), 'wearables-dbtokens-'));
  const path = join(folder, 'hosted.db');
  const handles: StoreDatabase[] = [];
  const first = await openSqliteDatabase({ path });
  handles.push(first);
  await first.accounts.ensure(ACCOUNT);
  return {
    path,
    first,
    open(key: Buffer, accountId = ACCOUNT) {
      // A handle per store: what another process would have.
      const pending = openSqliteDatabase({ path });
      const database = lazyDatabase(pending, handles, path);
      const cipher = createTokenCipher(key);
      return createDatabaseTokenStore({ database, accountId, cipher: async () => cipher, logger: silentLogger() });
    },
    async atRest() {
      const parts = await Promise.all(['', '-wal'].map((suffix) => readFile(`${path}${suffix}`, 'latin1').catch(() => '')));
      return parts.join('');
    },
    async close() {
      for (const handle of handles) await handle.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** A StoreDatabase whose methods wait for `pending` (so `open` can stay synchronous). */
function lazyDatabase(pending: Promise<StoreDatabase>, handles: StoreDatabase[], location: string): Pick<StoreDatabase, 'driver' | 'location' | 'connections' | 'lease'> {
  const ready = pending.then((database) => {
    handles.push(database);
    return database;
  });
  return {
    driver: 'sqlite',
    location,
    connections: (accountId) => ({
      list: async () => (await ready).connections(accountId).list(),
      get: async (provider) => (await ready).connections(accountId).get(provider),
      transaction: async (work) => (await ready).connections(accountId).transaction(work),
    }),
  };
}

describeTokenStoreContract('database rows (SQLite)', sqliteHarness);

const skipPostgres = postgresSkipReason();
if (skipPostgres === null) {
  describeTokenStoreContract('database rows (PostgreSQL)', async () => {
    const { openPostgresDatabase } = await import('../../src/store/postgres/index.js');
    const schema = testSchema('db_tokens');
    const handles: StoreDatabase[] = [];
    const first = await openPostgresDatabase({ url: TEST_DATABASE_URL, schema });
    handles.push(first);
    await first.accounts.ensure(ACCOUNT);
    return {
      open(key) {
        const database = openPostgresDatabase({ url: TEST_DATABASE_URL, schema, poolSize: 2 });
        const lazy = lazyDatabase(database, handles, 'postgres');
        const cipher = createTokenCipher(key);
        // The lease of the real database (an advisory lock per connection) excludes the others.
        return createDatabaseTokenStore({
          database: { ...lazy, driver: 'postgres', lease: async (leaseKey, options) => (await database).lease!(leaseKey, options) },
          accountId: ACCOUNT,
          cipher: async () => cipher,
          logger: silentLogger(),
        });
      },
      async atRest() {
        return JSON.stringify(await first.connections(ACCOUNT).list());
      },
      async close() {
        for (const handle of handles) await handle.close();
        await dropSchema(schema);
      },
    };
  });
} else {
  describe.skip(`TokenStore contract: database rows (PostgreSQL): ${skipPostgres}`, () => {
    it('needs TEST_DATABASE_URL', () => undefined);
  });
}

describe('database token store: account binding', () => {
  let harness: Awaited<ReturnType<typeof sqliteHarness>>;
  beforeEach(async () => {
    harness = await sqliteHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('a row copied into another account does not decrypt there (AUTH_FAILED, reconnect), and stays readable in its own', async () => {
    const key = randomBytes(32);
    await harness.open(key).transaction((transaction) => transaction.write('oura', tokens('access-of-alice')));
    const row = await harness.first.connections(ACCOUNT).get('oura');
    expect(row).not.toBeNull();
    await harness.first.accounts.ensure('mallory');
    await harness.first.connections('mallory').transaction(async (transaction) => {
      const { updatedAt: _updatedAt, ...copy } = row!;
      await transaction.put(copy);
    });
    const stolen = harness.open(key, 'mallory');
    expect(await stolen.connectedProviders()).toEqual(['oura']);
    await expect(stolen.read('oura')).rejects.toMatchObject({ code: 'AUTH_FAILED', hint: expect.stringContaining('wearables-mcp connect oura') });
    expect((await harness.open(key).read('oura'))?.tokens.accessToken).toBe('access-of-alice');
  });
});

describe('database token store: the key comes from the environment only', () => {
  let home: string;
  let outside: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'wearables-dbkey-home-'));
    outside = await mkdtemp(join(tmpdir(), 'wearables-dbkey-outside-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('refuses to run without a configured key, even with a generated key file in the home', async () => {
    await writeFile(join(home, '.encryption-key'), `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    const error = await loadDatabaseEncryptionKey({ home }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'CONFIG_ERROR', message: expect.stringContaining('need an encryption key from the environment') });
    expect((error as { hint: string }).hint).toContain('WEARABLES_MCP_ENCRYPTION_KEY');
  });

  it('refuses a key file inside the home, and accepts one outside it', async () => {
    const key = randomBytes(32).toString('hex');
    const inside = join(home, 'keys', 'token.key');
    await rm(join(home, 'keys'), { recursive: true, force: true });
    await import('node:fs/promises').then(({ mkdir }) => mkdir(join(home, 'keys'), { mode: 0o700 }));
    await writeFile(inside, `${key}\n`, { mode: 0o600 });
    await expect(loadDatabaseEncryptionKey({ home, encryptionKeyFile: inside })).rejects.toMatchObject({
      code: 'CONFIG_ERROR',
      message: expect.stringContaining('points inside the home'),
    });
    const elsewhere = join(outside, 'token.key');
    await writeFile(elsewhere, `${key}\n`, { mode: 0o600 });
    expect((await loadDatabaseEncryptionKey({ home, encryptionKeyFile: elsewhere })).toString('hex')).toBe(key);
    expect((await loadDatabaseEncryptionKey({ home, encryptionKey: key })).toString('hex')).toBe(key);
  });
});
