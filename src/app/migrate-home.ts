/**
 * `wearables-mcp migrate --to <DATABASE_URL>`: copies the local home (its SQLite cache, account
 * `local`, and its tokens file) into one account of another database, so a person who outgrows
 * one machine keeps their history. Steps:
 *
 * 1. Every token set of the home is decrypted with the home's key (the configured key or the
 *    generated key file, chosen by key id) and encrypted again with the key from the environment
 *    for the target (required: auth/database-key.ts), bound to the target account. Nothing is
 *    written before every token set has been re-encrypted.
 * 2. The home's sync locks are held (no sync changes the source meanwhile); the local account is
 *    streamed with `exportAccount` into `importAccount` of the target, which marks the account
 *    incomplete until its last batch is written.
 * 3. Before the last batch is released, both stores are read through the `Store` interface and
 *    compared (counts and a content digest per provider/resource/series, events, cursors,
 *    checks, sync runs) and every connection is decrypted in the target; a difference aborts the
 *    import, leaving the target account marked incomplete. A rerun deletes an incomplete account
 *    and starts over; a complete account holding data is refused.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { connectionAssociatedData } from '../auth/db-token-store.js';
import { loadDatabaseEncryptionKey } from '../auth/database-key.js';
import { createTokenCipher, loadEncryptionKey, type TokenCipher } from '../auth/encryption.js';
import { parseTokenSet, readTokensFile } from '../auth/token-store.js';
import type { Config } from '../config/config.js';
import { WearablesError } from '../core/errors.js';
import type { ProviderId } from '../core/types.js';
import type { Logger } from '../logging/logger.js';
import { registerSecret } from '../logging/secrets.js';
import { createProviders } from '../providers/registry.js';
import { compareDigests, digestAccount, type DigestComparison } from '../store/account-digest.js';
import { countBatch, emptyDumpCounts, isImportIncomplete, type AccountDumpBatch, type DumpCounts } from '../store/account-dump.js';
import { ACCOUNT_ID_PATTERN, LOCAL_ACCOUNT_ID, type ConnectionRow, type StoreDatabase } from '../store/database.js';
import { openSqliteDatabase } from '../store/sqlite/index.js';
import type { HeldLock } from '../sync/provider-lock.js';
import { createSyncFileLock } from './sync-file-lock.js';

export interface MigrateProgress {
  phase: 'tokens' | 'copy' | 'verify' | 'done';
  counts: DumpCounts;
  message?: string;
}

export interface MigrateOptions {
  config: Config;
  /** `postgres://…` / `postgresql://…`, or `sqlite:<path>` for another SQLite file. */
  to: string;
  /** The target account (default: a new generated id). */
  accountId?: string;
  logger: Logger;
  now?: () => Date;
  onProgress?: (progress: MigrateProgress) => void;
}

export interface MigrateResult {
  ok: boolean;
  accountId: string;
  /** Where the data went, without secrets. */
  target: string;
  /** An interrupted earlier migrate of this account was deleted first. */
  restarted: boolean;
  counts: DumpCounts;
  connections: ProviderId[];
  /** Provider user ids (from the token sets) linked to the account, so a hosted sign-in finds it. */
  identities: ProviderId[];
  comparison: DigestComparison;
  /** Connections that do not decrypt in the target to the home's token set (empty when all do). */
  connectionDifferences: ProviderId[];
}

/** Runs the migration; a verification difference is `ok: false` (the account stays incomplete). */
export async function migrateHome(options: MigrateOptions): Promise<MigrateResult> {
  const { config, logger } = options;
  const now = options.now ?? (() => new Date());
  const accountId = options.accountId ?? randomUUID();
  if (!ACCOUNT_ID_PATTERN.test(accountId)) {
    throw new WearablesError('VALIDATION_ERROR', `Account id "${accountId.slice(0, 70)}" is not valid.`, {
      hint: 'Use 1 to 64 lowercase letters, digits, "-" or "_", starting with a letter or digit.',
    });
  }
  if (!existsSync(config.dbPath)) {
    throw new WearablesError('NOT_FOUND', `There is no local cache to migrate at ${config.dbPath}.`, {
      hint: 'Run `wearables-mcp sync` first, or pass --home with the home to migrate.',
    });
  }
  const counts = emptyDumpCounts();
  const progress = (phase: MigrateProgress['phase'], message?: string) => options.onProgress?.({ phase, counts: { ...counts }, ...(message ? { message } : {}) });

  // 1. Tokens: everything re-encrypted in memory before anything is written.
  progress('tokens');
  const targetCipher = createTokenCipher(await loadDatabaseEncryptionKey({ encryptionKey: config.encryptionKey, encryptionKeyFile: config.encryptionKeyFile, home: config.home }));
  const homeTokens = await readHomeTokens(config);
  const connectionRows: ConnectionRow[] = homeTokens.map((entry) => ({
    provider: entry.provider,
    blob: targetCipher.encrypt(entry.plaintext, entry.provider, connectionAssociatedData(accountId, entry.provider)),
    reconnectNeeded: entry.reconnectNeeded,
    reconnectReason: entry.reconnectNeeded ? (entry.reconnectReason ?? 'rejected') : null,
    refreshPendingSince: entry.refreshPendingSince,
    updatedAt: now().toISOString(),
  }));

  const target = await openDatabaseAt(options.to, { config, now, logger });
  let source: StoreDatabase | undefined;
  const locks: HeldLock[] = [];
  try {
    // 2. No sync of the home runs while it is copied.
    const providers = createProviders(config);
    const lock = createSyncFileLock(config.home, { logger });
    for (const provider of [...providers.keys()].sort()) {
      locks.push(await lock(provider, { onWait: (holder) => progress('copy', `waiting for a running ${provider} sync (${holder.description}) to finish`) }));
    }
    source = await openSqliteDatabase({ path: config.dbPath, now, logger });
    if (!(await source.accounts.get(LOCAL_ACCOUNT_ID))) await source.accounts.ensure(LOCAL_ACCOUNT_ID);

    // A provider user already linked to another account there would sign in to that one.
    for (const entry of homeTokens) {
      if (entry.userId === undefined) continue;
      const owner = await target.accounts.findByIdentity(entry.provider, entry.userId);
      if (owner && owner.id !== accountId) {
        throw new WearablesError('VALIDATION_ERROR', `The ${entry.provider} user of this home is already linked to account ${owner.id} in the target.`, {
          hint: `Migrate into that account with --account ${owner.id} (it must hold no data yet), or delete it first.`,
        });
      }
    }

    let restarted = false;
    const existing = await target.accounts.get(accountId);
    if (existing && (await isImportIncomplete(target.forAccount(accountId)))) {
      progress('copy', `account ${accountId} holds an interrupted migrate: starting it over`);
      await target.accounts.delete(accountId);
      restarted = true;
    }

    const resources = [...providers.values()].flatMap((provider) => provider.resources.map((resource) => ({ provider: provider.id, resource: resource.name })));
    let comparison: DigestComparison | undefined;
    let connectionDifferences: ProviderId[] = [];
    const sourceDb = source;
    const sourceStore = sourceDb.forAccount(LOCAL_ACCOUNT_ID);
    const targetStore = target.forAccount(accountId);

    async function* batches(): AsyncGenerator<AccountDumpBatch> {
      let skipped = 0;
      for await (const batch of sourceDb.exportAccount(LOCAL_ACCOUNT_ID)) {
        // The local mode keeps tokens in the tokens file; rows of the home's own table (bound
        // to the local account) are replaced by the re-encrypted ones.
        if (batch.kind === 'connections') {
          skipped += batch.rows.length;
          continue;
        }
        yield batch;
        countBatch(counts, batch);
        progress('copy');
      }
      if (skipped > 0) logger.warn({ rows: skipped }, 'connection rows of the home database were not copied; the tokens file is the local mode\'s');
      if (connectionRows.length > 0) {
        yield { kind: 'connections', rows: connectionRows };
        countBatch(counts, { kind: 'connections', rows: connectionRows });
      }
      // Everything above is written once this resumes: verify before the import may finish.
      progress('verify');
      const digestOptions = { resources };
      const [before, after] = await Promise.all([digestAccount(sourceStore, digestOptions), digestAccount(targetStore, digestOptions)]);
      comparison = compareDigests(before, after);
      connectionDifferences = await verifyConnections(target, accountId, targetCipher, homeTokens);
      if (!comparison.equal || connectionDifferences.length > 0) {
        throw new VerificationFailed();
      }
    }

    try {
      await target.importAccount(accountId, batches());
    } catch (error) {
      if (!(error instanceof VerificationFailed) || !comparison) throw error;
    }
    const ok = comparison !== undefined && comparison.equal && connectionDifferences.length === 0;
    const identities: ProviderId[] = [];
    if (ok) {
      for (const entry of homeTokens) {
        if (entry.userId === undefined) continue;
        await target.accounts.linkIdentity(accountId, entry.provider, entry.userId);
        identities.push(entry.provider);
      }
    }
    progress('done');
    return {
      ok,
      accountId,
      target: target.location,
      restarted,
      counts,
      connections: connectionRows.map((row) => row.provider),
      identities,
      comparison: comparison as DigestComparison,
      connectionDifferences,
    };
  } finally {
    for (const held of locks.reverse()) await held.release();
    await source?.close();
    await target.close();
  }
}

class VerificationFailed extends Error {}

interface HomeToken {
  provider: ProviderId;
  plaintext: string;
  /** The provider's user id, when its token response names one. */
  userId: string | undefined;
  reconnectNeeded: boolean;
  reconnectReason: 'rejected' | 'grant_lost' | undefined;
  refreshPendingSince: number | null;
}

/** Every entry of the home's tokens file, decrypted with the key whose id it names. */
async function readHomeTokens(config: Config): Promise<HomeToken[]> {
  const file = await readTokensFile(config.tokensPath);
  const entries = Object.entries(file.providers);
  if (entries.length === 0) return [];
  const ciphers: TokenCipher[] = [];
  for (const source of [config, { keyPath: config.keyPath }]) {
    const key = await loadEncryptionKey(source, { create: false }).catch(() => undefined);
    if (key && !ciphers.some((cipher) => cipher.keyId === createTokenCipher(key).keyId)) ciphers.push(createTokenCipher(key));
  }
  const out: HomeToken[] = [];
  for (const [provider, entry] of entries) {
    if (!entry) continue;
    const candidates = entry.kid === undefined ? ciphers : ciphers.filter((cipher) => cipher.keyId === entry.kid);
    let plaintext: string | undefined;
    let lastError: unknown;
    for (const cipher of candidates) {
      try {
        plaintext = cipher.decrypt(entry, provider);
        break;
      } catch (error) {
        lastError = error;
      }
    }
    if (plaintext === undefined) {
      throw new WearablesError('CONFIG_ERROR', `The home's ${provider} tokens cannot be decrypted with the home's key, so they cannot be migrated.`, {
        hint: `Set the key the home was using (WEARABLES_MCP_ENCRYPTION_KEY, or keep its .encryption-key), or disconnect ${provider} before migrating and connect it again afterwards.`,
        cause: lastError,
      });
    }
    const tokens = parseTokenSet(provider, plaintext);
    registerSecret(tokens.accessToken);
    registerSecret(tokens.refreshToken);
    out.push({
      provider,
      plaintext,
      userId: typeof tokens.userId === 'string' && tokens.userId !== '' ? tokens.userId : undefined,
      reconnectNeeded: entry.reconnectNeeded === true,
      reconnectReason: entry.reconnectReason,
      refreshPendingSince: typeof entry.refreshPendingSince === 'number' ? entry.refreshPendingSince : null,
    });
  }
  return out.sort((a, b) => a.provider.localeCompare(b.provider));
}

/** Providers whose target row is missing or does not decrypt to the home's token set. */
async function verifyConnections(target: StoreDatabase, accountId: string, cipher: TokenCipher, expected: HomeToken[]): Promise<ProviderId[]> {
  const rows = new Map((await target.connections(accountId).list()).map((row) => [row.provider, row]));
  const different: ProviderId[] = [];
  for (const entry of expected) {
    const row = rows.get(entry.provider);
    let same: boolean;
    try {
      same = row !== undefined && cipher.decrypt(row.blob, entry.provider, connectionAssociatedData(accountId, entry.provider)) === entry.plaintext && row.reconnectNeeded === entry.reconnectNeeded;
    } catch {
      same = false;
    }
    if (!same) different.push(entry.provider);
  }
  for (const provider of rows.keys()) if (!expected.some((entry) => entry.provider === provider)) different.push(provider);
  return different;
}

/** Opens the database a `--to` value names (PostgreSQL URL or `sqlite:<path>`). */
export async function openDatabaseAt(to: string, options: { config: Config; now: () => Date; logger: Logger }): Promise<StoreDatabase> {
  if (/^postgres(ql)?:\/\//i.test(to)) {
    let url: URL;
    try {
      url = new URL(to);
    } catch {
      throw new WearablesError('CONFIG_ERROR', 'The --to database URL is not a valid URL.', { hint: 'Use postgres://user:password@host:5432/database.' });
    }
    if (url.password) {
      registerSecret(url.password);
      registerSecret(decodeURIComponent(url.password));
    }
    const { openPostgresDatabase } = await import('../store/postgres/index.js');
    // The schema the server of this configuration uses (WEARABLES_MCP_DATABASE_SCHEMA).
    return openPostgresDatabase({ url: to, schema: options.config.databaseSchema, now: options.now, logger: options.logger });
  }
  if (/^sqlite:/i.test(to)) {
    const path = resolve(to.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, ''));
    if (path === resolve(options.config.dbPath) || (existsSync(path) && existsSync(options.config.dbPath) && realpathSync(path) === realpathSync(options.config.dbPath))) {
      throw new WearablesError('VALIDATION_ERROR', 'The --to database is the home\'s own cache.', { hint: 'Name another database file (or a PostgreSQL URL).' });
    }
    return openSqliteDatabase({ path, now: options.now, logger: options.logger });
  }
  throw new WearablesError('CONFIG_ERROR', 'The --to value must be a PostgreSQL URL (postgres://…) or sqlite:<path>.', {
    hint: 'For example: wearables-mcp migrate --to postgres://user@db.example.com:5432/wearables',
  });
}
