/**
 * The few lines a person reads after a sync: one row per provider and a total (records fetched,
 * new, changed, deleted; samples; requests), the elapsed time, and below it only what went wrong
 * or what the engine decided (a clamped `since`, a resumed backfill). The per-resource listing is
 * `formatReport` (sync --verbose); --json is `serializeReport`.
 */
import type { ResourceCounts } from '../sync/counts.js';
import type { ProviderSyncResult, SyncReport } from '../sync/sync-service.js';

export interface SummaryOptions {
  elapsedMs: number;
  /** Whether a provider's resource is a series (its counts are samples, not records). */
  isSeries: (provider: string, resource: string) => boolean;
}

interface Totals {
  records: number;
  created: number;
  updated: number;
  deleted: number;
  samples: number;
  requests: number;
}

const COLUMNS: ReadonlyArray<{ key: keyof Totals; header: string }> = [
  { key: 'records', header: 'records' },
  { key: 'created', header: 'new' },
  { key: 'updated', header: 'changed' },
  { key: 'deleted', header: 'deleted' },
  { key: 'samples', header: 'samples' },
  { key: 'requests', header: 'requests' },
];

/** `isSeries` for the registered providers: a resource whose spec declares kind `series`. */
export function seriesLookup(providers: ReadonlyMap<string, { resources: ReadonlyArray<{ name: string; kind: string }> }>): SummaryOptions['isSeries'] {
  return (provider, resource) => providers.get(provider)?.resources.find((spec) => spec.name === resource)?.kind === 'series';
}

/** The provider totals of a run: records and their changes from documents, samples from series. */
export function providerTotals(result: ProviderSyncResult, isSeries: SummaryOptions['isSeries']): Totals {
  const totals: Totals = { records: 0, created: 0, updated: 0, deleted: 0, samples: 0, requests: result.requests ?? 0 };
  for (const [resource, counts] of Object.entries(result.counts) as Array<[string, ResourceCounts]>) {
    if (isSeries(result.provider, resource)) {
      totals.samples += counts.fetched;
      continue;
    }
    totals.records += counts.fetched;
    totals.created += counts.created;
    totals.updated += counts.updated;
    totals.deleted += counts.deleted;
  }
  return totals;
}

/** The human summary of a sync report (a header line, a table, problems and notes). */
export function formatSyncSummary(report: SyncReport, options: SummaryOptions): string {
  if (report.results.length === 0) return 'Nothing to sync: no provider is connected. Run `wearables-mcp connect <provider>` first.';
  const rows = report.results.map((result) => ({ name: result.provider, status: result.status, totals: providerTotals(result, options.isSeries) }));
  const sum: Totals = { records: 0, created: 0, updated: 0, deleted: 0, samples: 0, requests: 0 };
  for (const row of rows) for (const column of COLUMNS) sum[column.key] += row.totals[column.key];
  const nameWidth = Math.max(8, ...rows.map((row) => row.name.length));
  const cell = (value: number | string, header: string) => (typeof value === 'number' ? value.toLocaleString('en-US') : value).padStart(Math.max(header.length, 7) + 2);
  const table = (name: string, status: string, totals: Totals | null) =>
    `  ${name.padEnd(nameWidth)} ${status.padEnd(7)}${COLUMNS.map((column) => cell(totals ? totals[column.key] : column.header, column.header)).join('')}`.trimEnd();
  const lines = [headline(report, options.elapsedMs), table('', '', null)];
  for (const row of rows) lines.push(table(row.name, row.status, row.totals));
  if (rows.length > 1) lines.push(table('total', '', sum));
  for (const result of report.results) {
    if (result.error) lines.push(`  ${result.provider}: ${result.error.code}: ${result.error.message}${result.error.hint ? ` Next: ${result.error.hint}` : ''}`);
    for (const notice of result.notices ?? []) lines.push(`  ${result.provider}: note: ${notice}`);
  }
  return lines.join('\n');
}

function headline(report: SyncReport, elapsedMs: number): string {
  const count = report.results.length;
  const ok = report.results.filter((result) => result.status === 'ok').length;
  const seconds = `${(elapsedMs / 1000).toFixed(1)} s`;
  const providers = `${count} ${count === 1 ? 'provider' : 'providers'}`;
  if (ok === count) return `Synced ${providers} in ${seconds}.`;
  return `Synced ${providers} in ${seconds}: ${ok} ok, ${count - ok} with errors (below).`;
}
