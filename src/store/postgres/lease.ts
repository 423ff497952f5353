/**
 * Cross-process leases on PostgreSQL: a session advisory lock held on a dedicated pooled client
 * for as long as the lease lives. The lock dies with its connection, so a killed holder (process
 * gone, machine gone) frees it as soon as the server notices the closed socket; the holder itself
 * learns of a dropped connection through the client's `error`/`end` events and a periodic ping,
 * and aborts the lease's signal. Waiting polls `pg_try_advisory_lock` (never a blocking
 * `pg_advisory_lock`, which could not honour `signal` or `maxWaitMs` without cancelling a query).
 */
import { setTimeout as pause } from 'node:timers/promises';
import type { PoolClient } from 'pg';
import { WearablesError } from '../../core/errors.js';
import type { HeldLease, LeaseOptions } from '../database.js';
import { advisoryKey } from './migrate.js';
import type { PgContext } from './pg-context.js';
import { toPgCacheError } from './pg-errors.js';

export interface LeaseSettings {
  /** How often a waiter tries again (default 250 ms). */
  pollMs?: number;
  /** How often a holder pings its connection (default 5 s). */
  pingMs?: number;
}

const DEFAULT_MAX_WAIT_MS = 15 * 60_000;
const KEY_PATTERN = /^[\x20-\x7e]{1,200}$/;

export async function acquireLease(context: PgContext, key: string, options: LeaseOptions = {}, settings: LeaseSettings = {}): Promise<HeldLease> {
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw new WearablesError('VALIDATION_ERROR', 'A lease key must be 1 to 200 printable ASCII characters.', { hint: 'Use a key such as sync:<account>:<provider>.' });
  }
  const pollMs = settings.pollMs ?? 250;
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const lockKey = advisoryKey(`wearables-mcp:lease:${context.schema}:${key}`);
  const started = Date.now();
  let announced = false;
  let client: PoolClient;
  try {
    client = await context.pool.connect();
  } catch (error) {
    throw toPgCacheError(error, 'lease connection');
  }
  try {
    for (;;) {
      throwIfAborted(options.signal);
      const { rows } = await client.query<{ held: boolean }>('SELECT pg_try_advisory_lock($1) AS held', [lockKey]);
      if (rows[0]?.held) break;
      if (!announced) {
        announced = true;
        context.logger?.info({ lease: key }, 'waiting for another process holding this lease');
        options.onWait?.();
      }
      if (Date.now() - started > maxWaitMs) {
        throw new WearablesError('SYNC_ERROR', `Another process has held the lease ${key} for over ${Math.round(maxWaitMs / 1000)} s.`, {
          hint: 'Wait for the other sync to finish (see `wearables-mcp status`), then retry.',
          isRetryable: true,
        });
      }
      await pause(pollMs, undefined, options.signal ? { signal: options.signal } : {}).catch(() => undefined);
    }
  } catch (error) {
    client.release(true);
    throw toPgCacheError(error, 'lease acquisition');
  }
  return holdLease(context, client, key, lockKey, settings.pingMs ?? 5000);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  const reason: unknown = signal.reason;
  throw reason instanceof Error ? reason : new WearablesError('SYNC_ERROR', 'Waiting for the lease was cancelled.', { hint: 'Start the sync again.' });
}

function holdLease(context: PgContext, client: PoolClient, key: string, lockKey: string, pingMs: number): HeldLease {
  const controller = new AbortController();
  let released = false;
  const lost = (why: string): void => {
    if (released || controller.signal.aborted) return;
    context.logger?.warn({ lease: key, why }, 'lost a lease: its database connection dropped');
    controller.abort(
      new WearablesError('SYNC_ERROR', `The lease ${key} was lost: its database connection dropped (${why}).`, {
        hint: 'What was stored is kept; run the sync again.',
        isRetryable: true,
      }),
    );
  };
  const onError = (error: Error): void => lost(error.message.slice(0, 120));
  const onEnd = (): void => lost('connection closed');
  client.on('error', onError);
  client.on('end', onEnd);
  const timer = setInterval(() => {
    client.query('SELECT 1').catch((error: unknown) => lost(error instanceof Error ? error.message.slice(0, 120) : 'ping failed'));
  }, pingMs);
  timer.unref();
  return {
    signal: controller.signal,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      let clean = !controller.signal.aborted;
      if (clean) {
        try {
          await client.query('SELECT pg_advisory_unlock($1)', [lockKey]);
        } catch (error) {
          clean = false;
          context.logger?.warn({ lease: key, err: toPgCacheError(error, 'lease release') }, 'could not release a lease; closing its connection instead');
        }
      }
      client.off('error', onError);
      client.off('end', onEnd);
      // A connection that failed is destroyed (which also frees any lock it still held).
      client.release(!clean);
    },
  };
}
