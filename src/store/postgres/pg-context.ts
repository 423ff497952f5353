/**
 * What every PostgreSQL store module needs: the pool, the clock, the logger, and a transaction
 * helper. `Queryable` is a pool or a client inside a transaction, so a function can run alone or
 * as part of a unit of work (`writeChunk`).
 */
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { Logger } from '../../logging/logger.js';
import { WearablesError } from '../../core/errors.js';

export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: readonly unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

export interface PgContext {
  readonly pool: Pool;
  /** `postgres://host:port/db` (never a password). */
  readonly location: string;
  /** The schema every table lives in (on the search_path of every connection). */
  readonly schema: string;
  now(): Date;
  readonly logger: Logger | undefined;
  /** COPY FROM STDIN support (pg-copy-streams), loaded with the driver. */
  readonly copyFrom: (sql: string) => NodeJS.WritableStream & { rowCount?: number };
}

/** Runs `work` in one transaction on one pooled client: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(context: PgContext, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await context.pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    }
  } catch (error) {
    if (isConnectionLoss(error)) broken = true;
    throw error;
  } finally {
    // A client whose rollback failed may be mid-transaction: never hand it out again.
    client.release(broken);
  }
}

function isConnectionLoss(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection error/.test(message);
}

/**
 * Takes the account's row lock for the rest of the transaction. Every write that emits events or
 * merges coverage takes it first, so one account's writers commit one after another (what SQLite's
 * single writer gives) while other accounts write in parallel. Fails when the account is unknown.
 */
export async function lockAccount(client: Queryable, accountId: string): Promise<{ eventSeq: number }> {
  const { rows } = await client.query<{ event_seq: number }>('SELECT event_seq FROM accounts WHERE id = $1 FOR UPDATE', [accountId]);
  const row = rows[0];
  if (!row) throw unknownAccount(accountId);
  return { eventSeq: row.event_seq };
}

export function unknownAccount(accountId: string): WearablesError {
  return new WearablesError('NOT_FOUND', `Account ${JSON.stringify(accountId.slice(0, 64))} does not exist in this database.`, {
    hint: 'Create it first (accounts.ensure), or use the id of an existing account.',
  });
}
