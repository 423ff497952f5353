/**
 * An account's whole content as a stream of bounded batches: what `StoreDatabase.exportAccount`
 * yields and `importAccount` writes into a fresh account of another database (`wearables-mcp
 * migrate --to`). Rows keep what the store's answers depend on: records with raw payload, content
 * hash and `stored_at`; samples; coverage; open-window checks; cursors; sync runs; the event
 * feed (in order, with its sequence numbers and retained start); provider connections as the
 * ciphertext the store holds (bound to their account: auth/ re-encrypts them for another one).
 *
 * Batches come in this order: `account` first, then records, samples, coverage, checks, cursors,
 * sync runs, events, connections. A batch holds at most `DUMP_BATCH_ROWS` rows
 * (`DUMP_SAMPLE_BATCH_ROWS` samples), so neither side holds an account in memory.
 */
import type { ProviderId } from '../core/types.js';
import type { ConnectionRow } from './database.js';
import type { ChangeKind, Store, SyncRun } from './store.js';

export const DUMP_BATCH_ROWS = 1_000;
export const DUMP_SAMPLE_BATCH_ROWS = 20_000;

/** Bumped when a batch's shape changes; `importAccount` refuses another version. */
export const ACCOUNT_DUMP_VERSION = 1;

export interface DumpAccount {
  version: typeof ACCOUNT_DUMP_VERSION;
  label: string | null;
  createdAt: string;
  /** The last event sequence number given out in the account (0 when none). */
  eventSeq: number;
  /** Events up to this seq were compacted away (retention); 0 when never compacted. */
  compactedSeq: number;
  /** When compaction last dropped events (null when never). */
  compactedAt: string | null;
}

export interface DumpRecord {
  provider: ProviderId;
  resource: string;
  id: string;
  day: string | null;
  start: string | null;
  end: string | null;
  tzOffset: string | null;
  updatedAt: string | null;
  data: Record<string, unknown>;
  raw: unknown;
  contentHash: string;
  storedAt: string;
}

export interface DumpSample {
  provider: ProviderId;
  series: string;
  ts: number;
  value: number;
  source: string | null;
}

export interface DumpCoverage {
  provider: ProviderId;
  resource: string;
  start: string;
  end: string;
  firstSyncedAt: string;
  lastSyncedAt: string;
}

export interface DumpCheck {
  provider: ProviderId;
  resource: string;
  start: string;
  end: string;
  checkedAt: string;
}

export interface DumpCursor {
  provider: ProviderId;
  resource: string;
  cursor: string;
  updatedAt: string;
}

/** A sync run without its id (ids are the target database's; order is kept). */
export type DumpSyncRun = Omit<SyncRun, 'id'>;

export interface DumpEvent {
  seq: number;
  at: string;
  provider: ProviderId;
  resource: string;
  recordId: string;
  day: string | null;
  change: ChangeKind;
}

export type AccountDumpBatch =
  | { kind: 'account'; account: DumpAccount }
  | { kind: 'records'; rows: DumpRecord[] }
  | { kind: 'samples'; rows: DumpSample[] }
  | { kind: 'coverage'; rows: DumpCoverage[] }
  | { kind: 'checks'; rows: DumpCheck[] }
  | { kind: 'cursors'; rows: DumpCursor[] }
  | { kind: 'syncRuns'; rows: DumpSyncRun[] }
  | { kind: 'events'; rows: DumpEvent[] }
  | { kind: 'connections'; rows: ConnectionRow[] };

/** Row counts of an import (or an export, counted by the reader). */
export type DumpCounts = Record<Exclude<AccountDumpBatch['kind'], 'account'>, number>;

export function emptyDumpCounts(): DumpCounts {
  return { records: 0, samples: 0, coverage: 0, checks: 0, cursors: 0, syncRuns: 0, events: 0, connections: 0 };
}

/** Adds `batch`'s rows to `counts` (in place) and returns `counts`. */
export function countBatch(counts: DumpCounts, batch: AccountDumpBatch): DumpCounts {
  if (batch.kind !== 'account') counts[batch.kind] += batch.rows.length;
  return counts;
}

/**
 * While `importAccount` writes an account, the account holds this cursor (a reserved name no
 * provider has): an import that stopped half-way (crash, verification failure) leaves it, and
 * `migrate` then deletes the account and starts over. `exportAccount` never dumps it.
 */
export const IMPORT_MARKER = { provider: 'wearables-mcp', resource: 'import' } as const;

/** True when the account holds the mark of an import that never finished. */
export async function isImportIncomplete(store: Pick<Store, 'getCursor'>): Promise<boolean> {
  return (await store.getCursor(IMPORT_MARKER.provider, IMPORT_MARKER.resource)) !== null;
}
