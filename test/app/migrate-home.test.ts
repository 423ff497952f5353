/**
 * `migrate --to`: a demo home (the simulator's person synced for two weeks through the real sync
 * engine, its providers connected through their real OAuth flows) copied into another SQLite file
 * and into PostgreSQL, then read back through the target's own Store and token store and compared
 * with the home. Also: a non-empty account is refused, an interrupted import is started over,
 * a missing key writes nothing, and the verification notices a changed record or sample.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrateHome, openDatabaseAt } from '../../src/app/migrate-home.js';
import { createAppContext } from '../../src/app/create-app-context.js';
import { createDatabaseTokenStore } from '../../src/auth/db-token-store.js';
import { createTokenCipher } from '../../src/auth/encryption.js';
import { createTokenManager } from '../../src/auth/token-manager.js';
import { connectDemoProviders, startDemoEnvironment } from '../../src/cli/demo-environment.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { silentLogger } from '../../src/logging/logger.js';
import { createProviders } from '../../src/providers/registry.js';
import { compareDigests, digestAccount } from '../../src/store/account-digest.js';
import { isImportIncomplete, type AccountDumpBatch } from '../../src/store/account-dump.js';
import { LOCAL_ACCOUNT_ID, type StoreDatabase } from '../../src/store/database.js';
import { encodeEventCursor } from '../../src/store/event-feed-query.js';
import { openSqliteDatabase } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { postgresSkipReason, TEST_DATABASE_URL } from '../store/postgres-support.js';
import { connectClient } from '../mcp/support/harness.js';

const KEY = randomBytes(32).toString('hex');
let folder: string;
/** The demo home, configured with the target key in the environment (as a user runs migrate). */
let config: Config;
let connected: string[];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'wearables-migrate-'));
  const demo = await startDemoEnvironment({ home: folder, logLevel: 'silent' }, { historyDays: 14 });
  try {
    const context = await createAppContext(demo.config, { logger: silentLogger() });
    try {
      await connectDemoProviders(context, demo.providers);
      const report = await context.sync.sync({});
      expect(report.results.every((result) => result.status === 'ok')).toBe(true);
      connected = [];
      for (const provider of demo.providers) if (await context.tokens.isConnected(provider)) connected.push(provider);
    } finally {
      await context.close();
    }
  } finally {
    await demo.close();
  }
  config = loadConfig({ env: { WEARABLES_MCP_ENCRYPTION_KEY: KEY }, flags: { home: demo.config.home, logFile: null, logLevel: 'silent' } });
}, 180_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function openHome(): Promise<StoreDatabase> {
  return openSqliteDatabase({ path: config.dbPath });
}

/** Every record, by provider/resource, read through the Store interface. */
async function allRecords(store: Store) {
  const stats = await store.stats();
  const out: Record<string, unknown[]> = {};
  for (const { provider, resource } of stats.records) {
    out[`${provider}/${resource}`] = (await store.queryRecords({ provider, resource })).map((record) => ({ ...record, raw: record.raw }));
  }
  return out;
}

/** Checks the target account against the home, through each side's own interfaces. */
async function expectSameAsHome(target: StoreDatabase, accountId: string): Promise<void> {
  const home = await openHome();
  try {
    const source = home.forAccount(LOCAL_ACCOUNT_ID);
    const copy = target.forAccount(accountId);
    const [sourceStats, copyStats] = await Promise.all([source.stats(), copy.stats()]);
    expect(copyStats.records).toEqual(sourceStats.records);
    expect(copyStats.samples).toEqual(sourceStats.samples);
    expect(sourceStats.records.length).toBeGreaterThan(3);
    expect(sourceStats.samples.length).toBeGreaterThan(0);
    expect(await allRecords(copy)).toEqual(await allRecords(source));
    for (const { provider, series, first, last } of sourceStats.samples) {
      const query = { provider, series, start: first ?? 0, end: (last ?? 0) + 1 };
      expect(await copy.querySamples(query)).toEqual(await source.querySamples(query));
    }
    // A poller's cursor means the same place in both feeds.
    const firstPage = await source.listEvents({ since: encodeEventCursor(0), limit: 7 });
    expect(firstPage.events.length).toBe(7);
    const cursor = firstPage.nextCursor as string;
    const [fromSource, fromCopy] = await Promise.all([source.listEvents({ since: cursor, limit: 50 }), copy.listEvents({ since: cursor, limit: 50 })]);
    expect(fromCopy.events.map((event) => [event.seq, event.id, event.change])).toEqual(fromSource.events.map((event) => [event.seq, event.id, event.change]));
    expect(fromCopy.events.length).toBeGreaterThan(0);
    const resources = [...createProviders(config).values()].flatMap((provider) => provider.resources.map((resource) => ({ provider: provider.id, resource: resource.name })));
    for (const { provider, resource } of resources) {
      expect(await copy.getCursor(provider, resource)).toBe(await source.getCursor(provider, resource));
      expect(await copy.listChecks(provider, resource)).toEqual(await source.listChecks(provider, resource));
    }
    expect((await copy.listSyncRuns({ limit: 1000 })).map(({ id: _id, ...run }) => run)).toEqual((await source.listSyncRuns({ limit: 1000 })).map(({ id: _id, ...run }) => run));
    expect(await isImportIncomplete(copy)).toBe(false);

    // The connections: the target's token store (key from the environment) hands out the home's tokens.
    // The home's own token manager reads tokens.json with the home's generated key file.
    const homeConfig = loadConfig({ env: {}, flags: { home: config.home, logFile: null, logLevel: 'silent' } });
    const homeTokens = createTokenManager({ config: homeConfig, providers: createProviders(homeConfig), logger: silentLogger() });
    const cipher = createTokenCipher(Buffer.from(KEY, 'hex'));
    const targetTokens = createTokenManager({
      config,
      providers: createProviders(config),
      logger: silentLogger(),
      store: createDatabaseTokenStore({ database: target, accountId, cipher: async () => cipher, logger: silentLogger() }),
    });
    try {
      expect(connected.length).toBeGreaterThan(1);
      for (const provider of connected) {
        expect(await targetTokens.isConnected(provider)).toBe(true);
        expect(await targetTokens.getAccessToken(provider)).toBe(await homeTokens.getAccessToken(provider));
        expect(await targetTokens.status(provider)).toEqual(await homeTokens.status(provider));
      }
    } finally {
      homeTokens.close();
      targetTokens.close();
    }
  } finally {
    await home.close();
  }
}

describe('migrate into another SQLite file', () => {
  let files = 0;
  /** A fresh target file per test (a file holds each provider user in one account only). */
  let target = () => `sqlite:${join(folder, 'target-0.db')}`;
  beforeEach(() => {
    const name = `sqlite:${join(folder, `target-${++files}.db`)}`;
    target = () => name;
  });

  it('copies every record, sample, event, cursor, check, sync run and connection, verified', async () => {
    const phases: string[] = [];
    const result = await migrateHome({ config, to: target(), logger: silentLogger(), onProgress: (progress) => phases.push(progress.phase) });
    expect(result.ok, JSON.stringify(result.comparison.differences)).toBe(true);
    expect(result.accountId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.restarted).toBe(false);
    expect(result.counts.records).toBeGreaterThan(50);
    expect(result.counts.samples).toBeGreaterThan(1000);
    expect(result.counts.events).toBeGreaterThanOrEqual(result.counts.records);
    expect(result.connections).toEqual([...connected].sort());
    expect(result.comparison.rows.every((row) => row.same)).toBe(true);
    expect(result.comparison.rows.some((row) => row.what.startsWith('samples '))).toBe(true);
    expect([...new Set(phases)]).toEqual(['tokens', 'copy', 'verify', 'done']);
    const database = await openDatabaseAt(target(), { config, now: () => new Date(), logger: silentLogger() });
    try {
      await expectSameAsHome(database, result.accountId);
      // The providers' user ids are linked to the account (a hosted sign-in finds it).
      expect(result.identities.length).toBeGreaterThan(0);
      expect((await database.accounts.identities(result.accountId)).map((identity) => identity.provider)).toEqual(result.identities);
    } finally {
      await database.close();
    }
    // Another account of the same database cannot take the same provider users.
    await expect(migrateHome({ config, to: target(), accountId: 'someone-else', logger: silentLogger() })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      hint: expect.stringContaining(`--account ${result.accountId}`),
    });
  }, 120_000);

  it('refuses an account that already holds data, changing nothing', async () => {
    const first = await migrateHome({ config, to: target(), accountId: 'alice', logger: silentLogger() });
    expect(first.ok).toBe(true);
    const again = await migrateHome({ config, to: target(), accountId: 'alice', logger: silentLogger() }).catch((error: unknown) => error);
    expect(again).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('already holds data') });
    const database = await openDatabaseAt(target(), { config, now: () => new Date(), logger: silentLogger() });
    try {
      const [stats, home] = [await database.forAccount('alice').stats(), await openHome()];
      expect(stats.records).toEqual((await home.forAccount(LOCAL_ACCOUNT_ID).stats()).records);
      await home.close();
    } finally {
      await database.close();
    }
  }, 120_000);

  it('leaves an interrupted import marked incomplete, and a rerun starts the account over', async () => {
    const database = await openDatabaseAt(target(), { config, now: () => new Date(), logger: silentLogger() });
    const home = await openHome();
    try {
      async function* cutShort(): AsyncGenerator<AccountDumpBatch> {
        let batches = 0;
        for await (const batch of home.exportAccount(LOCAL_ACCOUNT_ID)) {
          yield batch;
          if (++batches === 3) throw new Error('the process died here');
        }
      }
      await expect(database.importAccount('bob', cutShort())).rejects.toThrow('the process died here');
      expect(await isImportIncomplete(database.forAccount('bob'))).toBe(true);
      expect((await database.forAccount('bob').stats()).records.length).toBeGreaterThan(0);
    } finally {
      await home.close();
      await database.close();
    }
    const rerun = await migrateHome({ config, to: target(), accountId: 'bob', logger: silentLogger() });
    expect(rerun.ok).toBe(true);
    expect(rerun.restarted).toBe(true);
    const reopened = await openDatabaseAt(target(), { config, now: () => new Date(), logger: silentLogger() });
    try {
      await expectSameAsHome(reopened, 'bob');
    } finally {
      await reopened.close();
    }
  }, 120_000);

  it('without a key in the environment, refuses before writing anything', async () => {
    const noKey = loadConfig({ env: {}, flags: { home: config.home, logFile: null, logLevel: 'silent' } });
    const path = join(folder, 'never.db');
    const error = await migrateHome({ config: noKey, to: `sqlite:${path}`, logger: silentLogger() }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'CONFIG_ERROR', hint: expect.stringContaining('WEARABLES_MCP_ENCRYPTION_KEY') });
    expect(existsSync(path)).toBe(false);
  });

  it('refuses the home\'s own cache as the target', async () => {
    await expect(migrateHome({ config, to: `sqlite:${config.dbPath}`, logger: silentLogger() })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
  });
});

describe('the verification', () => {
  it('notices a record and a sample that differ', async () => {
    const path = join(folder, 'tampered.db');
    const result = await migrateHome({ config, to: `sqlite:${path}`, accountId: 'carol', logger: silentLogger() });
    expect(result.ok).toBe(true);
    const home = await openHome();
    const target = await openSqliteDatabase({ path });
    try {
      const copy = target.forAccount('carol');
      const stats = await copy.stats();
      const { provider, resource } = stats.records[0]!;
      const [record] = await copy.queryRecords({ provider, resource, limit: 1 });
      await copy.upsertRecords([{ ...record!, raw: { changed: true }, data: { ...record!.data, changed: 1 } }]);
      const series = stats.samples[0]!;
      const [sample] = await copy.querySamples({ provider: series.provider, series: series.series, start: series.first!, end: series.last! + 1, limit: 1 });
      await copy.upsertSamples([{ ...sample!, value: sample!.value + 1 }]);
      const comparison = compareDigests(await digestAccount(home.forAccount(LOCAL_ACCOUNT_ID)), await digestAccount(copy));
      expect(comparison.equal).toBe(false);
      expect(comparison.differences.map((difference) => difference.what)).toEqual(
        expect.arrayContaining([`records ${provider}/${resource}`, `samples ${series.provider}/${series.series}`, 'events']),
      );
    } finally {
      await home.close();
      await target.close();
    }
  }, 120_000);
});

const skipPostgres = postgresSkipReason();
describe.skipIf(skipPostgres !== null)(`migrate into PostgreSQL${skipPostgres ? `: ${skipPostgres}` : ''}`, () => {
  let databaseUrl: string;
  let databaseName: string;
  const admin = () => new pg.Client({ connectionString: TEST_DATABASE_URL });

  beforeAll(async () => {
    // A database of its own: migrate takes a URL, and its tables live in the default schema.
    databaseName = `wearables_migrate_${randomBytes(4).toString('hex')}`;
    const client = admin();
    await client.connect();
    await client.query(`CREATE DATABASE ${databaseName}`);
    await client.end();
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  });
  afterAll(async () => {
    if (!databaseName) return;
    const client = admin();
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await client.end();
  });

  it('round-trips the demo home into an account, verified, and the target serves the same reads and tokens', async () => {
    const result = await migrateHome({ config, to: databaseUrl, accountId: 'demo-person', logger: silentLogger() });
    expect(result.ok, JSON.stringify(result.comparison.differences)).toBe(true);
    expect(result.target).toBe(`postgres://127.0.0.1:5432/${databaseName}`);
    const database = await openDatabaseAt(databaseUrl, { config, now: () => new Date(), logger: silentLogger() });
    try {
      expect(database.driver).toBe('postgres');
      await expectSameAsHome(database, 'demo-person');
    } finally {
      await database.close();
    }
    // A second migrate into the same account is refused.
    await expect(migrateHome({ config, to: databaseUrl, accountId: 'demo-person', logger: silentLogger() })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
  }, 180_000);

  it('the migrated account answers MCP tool calls exactly as the home does', async () => {
    // The app serves the local account of DATABASE_URL: migrate into that one (the provider
    // users move with it, so the account of the test above goes first).
    const opened = await openDatabaseAt(databaseUrl, { config, now: () => new Date(), logger: silentLogger() });
    expect(await opened.accounts.delete('demo-person')).toBe(true);
    await opened.close();
    const result = await migrateHome({ config, to: databaseUrl, accountId: LOCAL_ACCOUNT_ID, logger: silentLogger() });
    expect(result.ok).toBe(true);
    const emptyHome = await mkdtemp(join(tmpdir(), 'wearables-migrate-served-'));
    const frozen = new Date();
    const homeConfig = loadConfig({ env: {}, flags: { home: config.home, logFile: null, logLevel: 'silent' } });
    const servedConfig = loadConfig({ env: { DATABASE_URL: databaseUrl, WEARABLES_MCP_ENCRYPTION_KEY: KEY }, flags: { home: emptyHome, logFile: null, logLevel: 'silent' } });
    const noNetwork = async () => Promise.reject(new Error('no provider request is expected'));
    const apps = await Promise.all([homeConfig, servedConfig].map((each) => createAppContext(each, { logger: silentLogger(), now: () => new Date(frozen), fetch: noNetwork })));
    const clients = await Promise.all(apps.map((app) => connectClient(app)));
    try {
      expect(apps[1]!.store.accountId).toBe(LOCAL_ACCOUNT_ID);
      const end = frozen.toISOString().slice(0, 10);
      const start = new Date(frozen.getTime() - 6 * 86_400_000).toISOString().slice(0, 10);
      const calls = [
        { name: 'get_daily_summary', arguments: { start_date: start, end_date: end } },
        { name: 'get_events', arguments: { limit: 25 } },
        { name: 'get_auth_status', arguments: {} },
      ];
      for (const call of calls) {
        const [fromHome, fromDatabase] = await Promise.all(clients.map(({ client }) => client.callTool(call)));
        expect(fromHome!.isError, JSON.stringify(fromHome!.content)).toBeFalsy();
        expect(fromDatabase!.isError, JSON.stringify(fromDatabase!.content)).toBeFalsy();
        expect(fromDatabase!.structuredContent, call.name).toEqual(fromHome!.structuredContent);
      }
      // Answers with substance, not two empty ones.
      const summary = (await clients[1]!.client.callTool(calls[0]!)).structuredContent as { rows: unknown[][] };
      expect(summary.rows.length).toBeGreaterThanOrEqual(5);
      const events = (await clients[1]!.client.callTool(calls[1]!)).structuredContent as { events: Array<{ data: unknown }> };
      expect(events.events).toHaveLength(25);
      expect(events.events.some((event) => event.data !== null)).toBe(true);
      const tools = await Promise.all(clients.map(({ client }) => client.listTools()));
      expect(tools[1]!.tools.map((tool) => tool.name)).toEqual(tools[0]!.tools.map((tool) => tool.name));
    } finally {
      for (const connected of clients) await connected.close();
      for (const app of apps) await app.close();
      await rm(emptyHome, { recursive: true, force: true });
    }
  }, 180_000);
});
