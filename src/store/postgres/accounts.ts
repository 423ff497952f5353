/** Accounts, their provider identities, and their encrypted connection rows on PostgreSQL. */
import { WearablesError } from '../../core/errors.js';
import type { ProviderId } from '../../core/types.js';
import { isProviderIdShape } from '../../core/provider-id.js';
import { ACCOUNT_ID_PATTERN, type Account, type AccountDirectory, type AccountIdentity, type ConnectionRow, type ConnectionRows, type ConnectionTransaction } from '../database.js';
import { advisoryKey } from './migrate.js';
import { inTransaction, unknownAccount, type PgContext, type Queryable } from './pg-context.js';
import { toPgCacheError } from './pg-errors.js';

export function validAccountId(id: string): string {
  if (typeof id !== 'string' || !ACCOUNT_ID_PATTERN.test(id)) {
    throw new WearablesError('VALIDATION_ERROR', `Account id ${JSON.stringify(String(id)).slice(0, 70)} is not valid.`, {
      hint: 'Use 1 to 64 lowercase letters, digits, "-" or "_", starting with a letter or digit (the local account is "local").',
    });
  }
  return id;
}

function validProvider(provider: ProviderId): ProviderId {
  if (!isProviderIdShape(provider)) {
    throw new WearablesError('VALIDATION_ERROR', 'A provider id must be lowercase letters, digits and dashes.', { hint: 'Pass a registered provider id.' });
  }
  return provider;
}

interface AccountRow {
  id: string;
  created_at: Date;
  label: string | null;
}

const toAccount = (row: AccountRow): Account => ({ id: row.id, createdAt: row.created_at.toISOString(), label: row.label });

async function guarded<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toPgCacheError(error, operation);
  }
}

/** Every table keyed by account, children first (samples hang off series). */
const ACCOUNT_TABLES = ['records', 'series', 'coverage', 'open_checks', 'cursors', 'sync_runs', 'events', 'connections', 'account_identities'];

export function createAccountDirectory(context: PgContext): AccountDirectory {
  const pool = context.pool;
  return {
    ensure(id, options = {}) {
      return guarded('account creation', async () => {
        validAccountId(id);
        const label = options.label ?? null;
        if (label !== null && (typeof label !== 'string' || label.length > 200)) {
          throw new WearablesError('VALIDATION_ERROR', 'An account label must be a string of at most 200 characters.', { hint: 'Shorten the label.' });
        }
        await pool.query('INSERT INTO accounts (id, created_at, label) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [id, context.now(), label]);
        const { rows } = await pool.query<AccountRow>('SELECT id, created_at, label FROM accounts WHERE id = $1', [id]);
        return toAccount(rows[0] as AccountRow);
      });
    },
    get(id) {
      return guarded('account read', async () => {
        if (typeof id !== 'string' || !ACCOUNT_ID_PATTERN.test(id)) return null;
        const { rows } = await pool.query<AccountRow>('SELECT id, created_at, label FROM accounts WHERE id = $1', [id]);
        return rows[0] ? toAccount(rows[0]) : null;
      });
    },
    list() {
      return guarded('account list', async () => (await pool.query<AccountRow>('SELECT id, created_at, label FROM accounts ORDER BY id')).rows.map(toAccount));
    },
    findByIdentity(provider, providerUserId) {
      return guarded('account lookup', async () => {
        const { rows } = await pool.query<AccountRow>(
          'SELECT a.id, a.created_at, a.label FROM account_identities i JOIN accounts a ON a.id = i.account_id WHERE i.provider = $1 AND i.provider_user_id = $2',
          [provider, String(providerUserId)],
        );
        return rows[0] ? toAccount(rows[0]) : null;
      });
    },
    linkIdentity(accountId, provider, providerUserId) {
      return guarded('identity link', async () => {
        validAccountId(accountId);
        validProvider(provider);
        if (typeof providerUserId !== 'string' || providerUserId === '' || providerUserId.length > 200) {
          throw new WearablesError('VALIDATION_ERROR', 'A provider user id must be a non-empty string of at most 200 characters.', { hint: "Pass the provider's own user id." });
        }
        await inTransaction(context, async (client) => {
          const account = await client.query('SELECT 1 FROM accounts WHERE id = $1 FOR SHARE', [accountId]);
          if ((account.rowCount ?? 0) === 0) throw unknownAccount(accountId);
          const other = await client.query<{ account_id: string }>('SELECT account_id FROM account_identities WHERE provider = $1 AND provider_user_id = $2 FOR UPDATE', [
            provider,
            providerUserId,
          ]);
          const owner = other.rows[0]?.account_id;
          if (owner !== undefined && owner !== accountId) {
            throw new WearablesError('VALIDATION_ERROR', `This ${provider} user is already linked to another account.`, {
              hint: 'Unlink it from that account first, or sign in to that account.',
            });
          }
          await client.query(
            `INSERT INTO account_identities (account_id, provider, provider_user_id, linked_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (account_id, provider) DO UPDATE SET provider_user_id = excluded.provider_user_id, linked_at = excluded.linked_at`,
            [accountId, provider, providerUserId, context.now()],
          );
        });
      });
    },
    unlinkIdentity(accountId, provider) {
      return guarded('identity unlink', async () => {
        await pool.query('DELETE FROM account_identities WHERE account_id = $1 AND provider = $2', [accountId, provider]);
      });
    },
    identities(accountId) {
      return guarded('identity list', async () => {
        const { rows } = await pool.query<{ account_id: string; provider: string; provider_user_id: string; linked_at: Date }>(
          'SELECT account_id, provider, provider_user_id, linked_at FROM account_identities WHERE account_id = $1 ORDER BY provider',
          [accountId],
        );
        return rows.map(
          (row): AccountIdentity => ({ accountId: row.account_id, provider: row.provider as ProviderId, providerUserId: row.provider_user_id, linkedAt: row.linked_at.toISOString() }),
        );
      });
    },
    delete(id) {
      return guarded('account deletion', async () => {
        if (typeof id !== 'string' || !ACCOUNT_ID_PATTERN.test(id)) return false;
        return inTransaction(context, async (client) => {
          const locked = await client.query('SELECT 1 FROM accounts WHERE id = $1 FOR UPDATE', [id]);
          if ((locked.rowCount ?? 0) === 0) return false;
          await client.query('DELETE FROM samples WHERE series_id IN (SELECT series_id FROM series WHERE account_id = $1)', [id]);
          for (const table of ACCOUNT_TABLES) await client.query(`DELETE FROM ${table} WHERE account_id = $1`, [id]);
          await client.query('DELETE FROM accounts WHERE id = $1', [id]);
          return true;
        });
      });
    },
  };
}

interface ConnectionDbRow {
  provider: string;
  blob: ConnectionRow['blob'];
  reconnect_needed: boolean;
  reconnect_reason: ConnectionRow['reconnectReason'];
  refresh_pending_since: number | null;
  updated_at: Date;
}

const CONNECTION_COLUMNS = 'provider, blob, reconnect_needed, reconnect_reason, refresh_pending_since, updated_at';

function toConnection(row: ConnectionDbRow): ConnectionRow {
  return {
    provider: row.provider as ProviderId,
    blob: row.blob,
    reconnectNeeded: row.reconnect_needed,
    reconnectReason: row.reconnect_reason,
    refreshPendingSince: row.refresh_pending_since,
    updatedAt: row.updated_at.toISOString(),
  };
}

async function readConnection(db: Queryable, accountId: string, provider: ProviderId): Promise<ConnectionRow | null> {
  const { rows } = await db.query<ConnectionDbRow>(`SELECT ${CONNECTION_COLUMNS} FROM connections WHERE account_id = $1 AND provider = $2`, [accountId, provider]);
  return rows[0] ? toConnection(rows[0]) : null;
}

function validBlob(blob: ConnectionRow['blob']): ConnectionRow['blob'] {
  const fields = [blob?.iv, blob?.tag, blob?.data];
  if (!fields.every((field) => typeof field === 'string' && field.length > 0 && field.length <= 1_000_000) || (blob.kid !== undefined && typeof blob.kid !== 'string')) {
    throw new WearablesError('VALIDATION_ERROR', 'A connection row needs an encrypted blob (iv, tag, data).', { hint: 'Encrypt the token set with auth/encryption before storing it.' });
  }
  return blob;
}

/** An account's connection rows; `transaction` holds a per-account advisory xact lock. */
export function createConnectionRows(context: PgContext, accountId: string): ConnectionRows {
  validAccountId(accountId);
  return {
    list() {
      return guarded('connection list', async () => {
        const { rows } = await context.pool.query<ConnectionDbRow>(`SELECT ${CONNECTION_COLUMNS} FROM connections WHERE account_id = $1 ORDER BY provider`, [accountId]);
        return rows.map(toConnection);
      });
    },
    get(provider) {
      return guarded('connection read', () => readConnection(context.pool, accountId, provider));
    },
    async transaction(work) {
      // What `work` throws passes through unchanged (after the rollback); the driver's own failures become CACHE_ERROR.
      const thrown: { error?: unknown } = {};
      try {
        return await inTransaction(context, async (client) => {
          // An advisory lock, not the account row: a token refresh never waits behind a long ingest.
          await client.query('SELECT pg_advisory_xact_lock($1)', [advisoryKey(`wearables-mcp:connections:${context.schema}:${accountId}`)]);
          const transaction: ConnectionTransaction = {
            get: (provider) => readConnection(client, accountId, provider),
            async put(row) {
              validProvider(row.provider);
              const blob = validBlob(row.blob);
              if (row.reconnectReason !== null && row.reconnectReason !== 'rejected' && row.reconnectReason !== 'grant_lost') {
                throw new WearablesError('VALIDATION_ERROR', 'reconnectReason must be rejected, grant_lost or null.', { hint: 'Pass one of the known reasons.' });
              }
              if (row.refreshPendingSince !== null && !Number.isSafeInteger(row.refreshPendingSince)) {
                throw new WearablesError('VALIDATION_ERROR', 'refreshPendingSince must be epoch ms or null.', { hint: 'Pass Date.now() or null.' });
              }
              await client.query(
                `INSERT INTO connections (account_id, provider, blob, reconnect_needed, reconnect_reason, refresh_pending_since, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (account_id, provider) DO UPDATE SET blob = excluded.blob, reconnect_needed = excluded.reconnect_needed,
  reconnect_reason = excluded.reconnect_reason, refresh_pending_since = excluded.refresh_pending_since, updated_at = excluded.updated_at`,
                [accountId, row.provider, JSON.stringify(blob), row.reconnectNeeded === true, row.reconnectReason, row.refreshPendingSince, context.now()],
              );
            },
            async remove(provider) {
              const result = await client.query('DELETE FROM connections WHERE account_id = $1 AND provider = $2', [accountId, provider]);
              return (result.rowCount ?? 0) > 0;
            },
          };
          try {
            return await work(transaction);
          } catch (error) {
            thrown.error = error;
            throw error;
          }
        });
      } catch (error) {
        if ('error' in thrown && error === thrown.error) throw error;
        throw toPgCacheError(error, 'connection transaction');
      }
    },
  };
}
