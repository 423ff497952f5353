/**
 * A digest of one account's content read through the `Store` interface only (never the dump
 * code it checks): counts and a content digest per provider/resource (every record: its fields,
 * normalized data, raw payload, content hash and `stored_at`) and per provider/series (every
 * sample), the event feed, cursors, open-window checks and sync runs. Two stores holding the same
 * account compare equal; `compareDigests` lists what differs. Digests are order-independent sums
 * of per-row SHA-256 hashes, so drivers that order ties differently still agree.
 */
import { createHash } from 'node:crypto';
import type { ProviderId } from '../core/types.js';
import { canonicalJson } from './canonical-json.js';
import { encodeEventCursor } from './event-feed-query.js';
import type { StoreReader } from './store.js';

const PAGE_ROWS = 1_000;
const SAMPLE_PAGE_ROWS = 20_000;
const MODULUS = 1n << 256n;

export interface DigestPart {
  count: number;
  /** 64 hex chars: the sum (mod 2^256) of each row's SHA-256. */
  digest: string;
}

export interface AccountDigest {
  /** Keyed `provider/resource`. */
  records: Record<string, DigestPart>;
  /** Keyed `provider/series`. */
  samples: Record<string, DigestPart>;
  events: DigestPart;
  /** Keyed `provider/resource`: the cursor value. */
  cursors: Record<string, string>;
  /** Keyed `provider/resource`. */
  checks: Record<string, DigestPart>;
  syncRuns: DigestPart;
}

export interface DigestOptions {
  /** Resources whose cursors and checks are compared (the registry's), besides those with records. */
  resources?: ReadonlyArray<{ provider: ProviderId; resource: string }>;
  /** Called after each page read (progress). */
  onProgress?: (rows: number) => void;
}

class RowSum {
  private sum = 0n;
  count = 0;
  add(text: string): void {
    this.sum = (this.sum + BigInt(`0x${createHash('sha256').update(text).digest('hex')}`)) % MODULUS;
    this.count++;
  }
  part(): DigestPart {
    return { count: this.count, digest: this.sum.toString(16).padStart(64, '0') };
  }
}

/** Reads every row of `store`'s account (paged, bounded memory) into an `AccountDigest`. */
export async function digestAccount(store: StoreReader, options: DigestOptions = {}): Promise<AccountDigest> {
  const stats = await store.stats();
  const digest: AccountDigest = { records: {}, samples: {}, events: new RowSum().part(), cursors: {}, checks: {}, syncRuns: new RowSum().part() };
  const resources = new Map<string, { provider: ProviderId; resource: string }>();
  for (const entry of [...stats.records, ...(options.resources ?? [])]) resources.set(`${entry.provider}/${entry.resource}`, { provider: entry.provider, resource: entry.resource });

  for (const { provider, resource } of stats.records) {
    const sum = new RowSum();
    for (let offset = 0; ; offset += PAGE_ROWS) {
      const page = await store.queryRecords({ provider, resource, limit: PAGE_ROWS, offset });
      for (const record of page) {
        sum.add(
          canonicalJson([record.id, record.day, record.start, record.end, record.tzOffset, record.updatedAt, record.contentHash, record.storedAt, record.data, record.raw]),
        );
      }
      options.onProgress?.(page.length);
      if (page.length < PAGE_ROWS) break;
    }
    digest.records[`${provider}/${resource}`] = sum.part();
  }

  for (const { provider, series, first, last } of stats.samples) {
    const sum = new RowSum();
    if (first !== null && last !== null) {
      let start = first;
      for (;;) {
        const page = await store.querySamples({ provider, series, start, end: last + 1, limit: SAMPLE_PAGE_ROWS });
        for (const sample of page) sum.add(`${sample.ts}\t${sample.value}\t${sample.source ?? ''}`);
        options.onProgress?.(page.length);
        if (page.length < SAMPLE_PAGE_ROWS) break;
        start = (page.at(-1)?.ts ?? last) + 1;
      }
    }
    digest.samples[`${provider}/${series}`] = sum.part();
  }

  const events = new RowSum();
  let since = encodeEventCursor(0);
  for (;;) {
    const page = await store.listEvents({ since, limit: PAGE_ROWS });
    for (const event of page.events) events.add(canonicalJson([event.seq, event.at, event.provider, event.resource, event.id, event.day, event.change]));
    if (!page.hasMore || page.nextCursor === null || page.events.length === 0) break;
    since = page.nextCursor;
  }
  digest.events = events.part();

  for (const [key, { provider, resource }] of [...resources].sort(([a], [b]) => a.localeCompare(b))) {
    const cursor = await store.getCursor(provider, resource);
    if (cursor !== null) digest.cursors[key] = cursor;
    const checks = await store.listChecks(provider, resource);
    if (checks.length > 0) {
      const sum = new RowSum();
      for (const check of checks) sum.add(canonicalJson([check.start, check.end, check.checkedAt]));
      digest.checks[key] = sum.part();
    }
  }

  const runs = new RowSum();
  for (const run of await store.listSyncRuns({ limit: 1_000_000 })) {
    runs.add(canonicalJson([run.provider, run.resources, run.mode, run.startedAt, run.finishedAt, run.status, run.counts, run.error]));
  }
  digest.syncRuns = runs.part();
  return digest;
}

export interface DigestDifference {
  /** `records provider/resource`, `samples provider/series`, `events`, `cursor provider/resource`, ... */
  what: string;
  source: string;
  target: string;
}

export interface DigestComparison {
  equal: boolean;
  /** One line per compared part, for printing. */
  rows: Array<{ what: string; source: string; target: string; same: boolean }>;
  differences: DigestDifference[];
}

/** Compares two digests part by part. */
export function compareDigests(source: AccountDigest, target: AccountDigest): DigestComparison {
  const rows: DigestComparison['rows'] = [];
  const describe = (part: DigestPart | undefined) => (part ? `${part.count} (${part.digest.slice(0, 12)})` : 'none');
  const parts = (label: string, a: Record<string, DigestPart>, b: Record<string, DigestPart>) => {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const left = a[key];
      const right = b[key];
      rows.push({ what: `${label} ${key}`, source: describe(left), target: describe(right), same: left?.count === right?.count && left?.digest === right?.digest });
    }
  };
  parts('records', source.records, target.records);
  parts('samples', source.samples, target.samples);
  rows.push({ what: 'events', source: describe(source.events), target: describe(target.events), same: source.events.digest === target.events.digest && source.events.count === target.events.count });
  for (const key of [...new Set([...Object.keys(source.cursors), ...Object.keys(target.cursors)])].sort()) {
    const left = source.cursors[key] ?? 'none';
    const right = target.cursors[key] ?? 'none';
    rows.push({ what: `cursor ${key}`, source: left, target: right, same: left === right });
  }
  parts('checks', source.checks, target.checks);
  rows.push({ what: 'sync runs', source: describe(source.syncRuns), target: describe(target.syncRuns), same: source.syncRuns.digest === target.syncRuns.digest && source.syncRuns.count === target.syncRuns.count });
  const differences = rows.filter((row) => !row.same).map(({ what, source: left, target: right }) => ({ what, source: left, target: right }));
  return { equal: differences.length === 0, rows, differences };
}
