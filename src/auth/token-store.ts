/**
 * The encrypted tokens file: `{ version: 1, providers: { <id>: { iv, tag, data, kid } } }`, mode
 * 0600, replaced atomically (temp file + fsync + rename). Every read-modify-write runs inside
 * `transaction`, which holds a cross-process lock (proper-lockfile), so a CLI sync and a running
 * server never overwrite each other's rotated refresh tokens.
 */
import { randomBytes } from 'node:crypto';
import { unwatchFile, watchFile } from 'node:fs';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { WearablesError } from '../core/errors.js';
import type { ProviderId } from '../core/types.js';
import { isProviderIdShape } from '../core/provider-id.js';
import type { Logger } from '../logging/logger.js';
import { registerSecret } from '../logging/secrets.js';
import { wrongKeyError, type EncryptedBlob, type TokenCipher } from './encryption.js';
import type { TokenSet } from '../core/token-set.js';
import { createTokensFileCache } from './tokens-file-cache.js';

/** One provider's entry on disk: the encrypted TokenSet plus non-secret state. */
export interface StoredEntry extends EncryptedBlob {
  /** Set when the provider rejected the grant (revoked); cleared by a new grant or refresh. */
  reconnectNeeded?: boolean;
  /** Why: `rejected` (revoked, expired) or `grant_lost` (refused after an interrupted rotating refresh). */
  reconnectReason?: ReconnectReason;
  /**
   * Epoch ms when a refresh request was sent whose answer was never recorded. Written before
   * the request; a stored answer (new tokens) or a definite refusal clears it. Still set means
   * the process stopped (or the connection dropped) mid-refresh: the provider may have rotated
   * the refresh token while the new one was never saved.
   */
  refreshPendingSince?: number;
}

/** Why a connection needs `connect` again. */
export type ReconnectReason = 'rejected' | 'grant_lost';

export interface TokensFile {
  version: 1;
  providers: Partial<Record<ProviderId, StoredEntry>>;
}

/** A decrypted entry. */
export interface StoredTokens {
  tokens: TokenSet;
  reconnectNeeded: boolean;
  reconnectReason?: ReconnectReason;
  /** A refresh was sent earlier and its answer never recorded (see `StoredEntry.refreshPendingSince`). */
  refreshInterrupted: boolean;
}

/** Operations valid while the lock is held; each write reaches the disk before it resolves. */
export interface TokenTransaction {
  read(provider: ProviderId): Promise<StoredTokens | undefined>;
  write(provider: ProviderId, tokens: TokenSet): Promise<void>;
  markReconnectNeeded(provider: ProviderId, reason?: ReconnectReason): Promise<void>;
  /** Records (on disk, before the request) that a refresh is in flight, or clears that record. */
  markRefreshPending(provider: ProviderId, pending: boolean): Promise<void>;
  remove(provider: ProviderId): Promise<boolean>;
}

export interface TokenStore {
  /** Where the tokens are (a file, or a database and account), for messages. */
  readonly path: string;
  /** Reads one provider's tokens (no lock: the file is only ever replaced whole). */
  read(provider: ProviderId): Promise<StoredTokens | undefined>;
  /** Providers with an entry, without decrypting anything. */
  connectedProviders(): Promise<ProviderId[]>;
  /** Runs `work` holding the cross-process lock on the tokens file. */
  transaction<T>(work: (transaction: TokenTransaction) => Promise<T>): Promise<T>;
  /**
   * Calls `onChange` (at most every `intervalMs`, never keeping the process alive) when the
   * stored connections may have been changed by another process. Returns the stop function.
   */
  watch(intervalMs: number, onChange: () => void): () => void;
}

export interface TokenStoreOptions {
  path: string;
  /** The cipher, loaded lazily; `create` asks for a key to be generated when none exists yet. */
  cipher: (options: { create: boolean }) => Promise<TokenCipher | undefined>;
  logger: Logger;
  /** Lock timing; defaults suit a refresh call of a few seconds. */
  lock?: { staleMs?: number; retries?: number; minTimeoutMs?: number; maxTimeoutMs?: number };
}

/** Opens the tokens file at `options.path` (created on first write). */
export function createTokenStore(options: TokenStoreOptions): TokenStore {
  const { path, logger } = options;
  const fileCache = createTokensFileCache(path, readTokensFile);
  // The last decryption per provider, reused while the encrypted entry is byte-for-byte the same
  // (a new encryption always has a new iv).
  const decrypted = new Map<ProviderId, { iv: string; tag: string; data: string; tokens: TokenSet }>();

  async function decryptTokens(provider: ProviderId, entry: StoredEntry): Promise<TokenSet> {
    const last = decrypted.get(provider);
    if (last && last.iv === entry.iv && last.tag === entry.tag && last.data === entry.data) return { ...last.tokens };
    const cipher = await options.cipher({ create: false });
    if (!cipher) throw wrongKeyError(provider);
    const tokens = parseTokenSet(provider, cipher.decrypt(entry, provider));
    registerSecret(tokens.accessToken);
    registerSecret(tokens.refreshToken);
    decrypted.set(provider, { iv: entry.iv, tag: entry.tag, data: entry.data, tokens: { ...tokens } });
    return tokens;
  }

  async function decrypt(provider: ProviderId, entry: StoredEntry): Promise<StoredTokens> {
    const tokens = await decryptTokens(provider, entry);
    return {
      tokens,
      reconnectNeeded: entry.reconnectNeeded === true,
      ...(entry.reconnectNeeded && entry.reconnectReason ? { reconnectReason: entry.reconnectReason } : {}),
      refreshInterrupted: typeof entry.refreshPendingSince === 'number',
    };
  }

  async function read(provider: ProviderId): Promise<StoredTokens | undefined> {
    const entry = (await fileCache.current()).providers[provider];
    return entry ? decrypt(provider, entry) : undefined;
  }

  /** Under the lock: straight from the disk, never from the cache (the refresh decision rests on it). */
  async function readLocked(provider: ProviderId): Promise<StoredTokens | undefined> {
    const entry = (await readTokensFile(path)).providers[provider];
    return entry ? decrypt(provider, entry) : undefined;
  }

  async function update(change: (file: TokensFile) => Promise<boolean>): Promise<boolean> {
    let file: TokensFile;
    let damaged = false;
    try {
      file = await readTokensFile(path);
    } catch (error) {
      if (!(error instanceof WearablesError) || error.code !== 'CONFIG_ERROR') throw error;
      damaged = true;
      file = { version: 1, providers: {} };
    }
    const changed = await change(file);
    if (!changed) return false;
    if (damaged) {
      // A damaged file is kept aside (never silently lost) and replaced by a fresh one.
      const aside = `${path}.damaged-${Date.now()}`;
      await rename(path, aside);
      logger.warn({ file: aside }, 'tokens file was damaged; kept a copy aside and started a new one');
    }
    await writeAtomically(path, `${JSON.stringify(file, null, 2)}\n`);
    fileCache.invalidate();
    return true;
  }

  const transactionApi: TokenTransaction = {
    read: readLocked,
    async write(provider, tokens) {
      registerSecret(tokens.accessToken);
      registerSecret(tokens.refreshToken);
      const cipher = await options.cipher({ create: true });
      if (!cipher) throw wrongKeyError(provider);
      await update(async (file) => {
        file.providers[provider] = cipher.encrypt(JSON.stringify(tokens), provider);
        return true;
      });
    },
    async markReconnectNeeded(provider, reason = 'rejected') {
      await update(async (file) => {
        const entry = file.providers[provider];
        if (!entry || entry.reconnectNeeded) return false;
        entry.reconnectNeeded = true;
        entry.reconnectReason = reason;
        delete entry.refreshPendingSince;
        return true;
      });
    },
    async markRefreshPending(provider, pending) {
      await update(async (file) => {
        const entry = file.providers[provider];
        if (!entry || (typeof entry.refreshPendingSince === 'number') === pending) return false;
        if (pending) entry.refreshPendingSince = Date.now();
        else delete entry.refreshPendingSince;
        return true;
      });
    },
    remove(provider) {
      return update(async (file) => {
        if (!file.providers[provider]) return false;
        delete file.providers[provider];
        return true;
      });
    },
  };

  return {
    path,
    read,
    async connectedProviders() {
      const file = await fileCache.current();
      return Object.keys(file.providers).sort();
    },
    async transaction(work) {
      const release = await acquireLock(path, options.lock, logger);
      try {
        return await work(transactionApi);
      } finally {
        await release().catch((error: unknown) => logger.warn({ err: error }, 'could not release the tokens lock'));
      }
    },
    watch(intervalMs, onChange) {
      // persistent: false is watchFile's unref: the watcher never keeps the process alive.
      const listener = () => onChange();
      watchFile(path, { interval: intervalMs, persistent: false }, listener);
      return () => unwatchFile(path, listener);
    },
  };
}

async function acquireLock(path: string, timing: TokenStoreOptions['lock'], logger: Logger): Promise<() => Promise<void>> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  // Loaded on the first write only: a server that just answers from its cache never needs it.
  const { default: lockfile } = await import('proper-lockfile');
  try {
    return await lockfile.lock(path, {
      realpath: false,
      lockfilePath: `${path}.lock`,
      stale: timing?.staleMs ?? 15_000,
      retries: {
        retries: timing?.retries ?? 60,
        factor: 1.5,
        minTimeout: timing?.minTimeoutMs ?? 25,
        maxTimeout: timing?.maxTimeoutMs ?? 500,
        randomize: true,
      },
      // The default throws from a timer (crashing the process); a warning is enough here.
      onCompromised: (error) => logger.warn({ err: error }, 'tokens lock was compromised (held too long or removed)'),
    });
  } catch (error) {
    throw new WearablesError('AUTH_FAILED', 'Another wearables-mcp process is holding the tokens file lock.', {
      hint: `Retry in a moment; if it persists, make sure no wearables-mcp process is stuck and remove ${path}.lock.`,
      isRetryable: true,
      cause: error,
    });
  }
}

/** Reads and validates the tokens file; a missing file is an empty one. */
export async function readTokensFile(path: string): Promise<TokensFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, providers: {} };
    throw error;
  }
  const damaged = (why: string) =>
    new WearablesError('CONFIG_ERROR', `The tokens file ${path} is damaged (${why}).`, {
      hint: 'Restore it from a backup, or run `wearables-mcp connect <provider>` again (the damaged file is kept aside).',
    });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw damaged('not JSON');
  }
  if (!isRecord(value) || !isRecord(value.providers)) throw damaged('unexpected shape');
  if (value.version !== 1) {
    throw new WearablesError('CONFIG_ERROR', `The tokens file ${path} has version ${String(value.version)}, which this version cannot read.`, {
      hint: 'Upgrade wearables-mcp.',
    });
  }
  const providers: TokensFile['providers'] = {};
  for (const [id, entry] of Object.entries(value.providers)) {
    if (entry === undefined || !isProviderIdShape(id)) continue;
    if (!isRecord(entry) || typeof entry.iv !== 'string' || typeof entry.tag !== 'string' || typeof entry.data !== 'string') {
      throw damaged(`bad ${id} entry`);
    }
    providers[id] = entry as unknown as StoredEntry;
  }
  return { version: 1, providers };
}

/** Writes `text` to `path` with mode 0600: temp file, fsync, rename, then fsync the directory. */
export async function writeAtomically(path: string, text: string): Promise<void> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  const directoryHandle = await open(directory, 'r').catch(() => undefined);
  if (directoryHandle) {
    await directoryHandle.sync().catch(() => undefined);
    await directoryHandle.close();
  }
}

/** Parses a decrypted token set; AUTH_FAILED (reconnect) when it is not one. */
export function parseTokenSet(provider: ProviderId, text: string): TokenSet {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (!isRecord(value) || typeof value.accessToken !== 'string' || (value.kind !== 'oauth' && value.kind !== 'personal')) {
    throw new WearablesError('AUTH_FAILED', `The stored ${provider} tokens are unreadable.`, {
      hint: `Reconnect with \`wearables-mcp connect ${provider}\`.`,
    });
  }
  return value as unknown as TokenSet;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
