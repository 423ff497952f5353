/**
 * Cache-first reads: make sure the window is in the store (a targeted sync of only the missing
 * part, or a write-through refresh with `fresh`), then read the store. When syncing fails but the
 * cache has something, answer from the cache with a warning saying why it may be incomplete.
 */
import { WearablesError } from '../../../core/errors.js';
import type { ProviderId, TimeWindow } from '../../../core/types.js';
import type { ResourceSpec } from '../../../providers/provider.js';
import type { RecordKind } from '../../../core/records/record.js';
import { narrowRows, type StoredKindRecord } from '../../../store/kind-rows.js';
import type { RecordQuery, StoredRecord } from '../../../store/store.js';
import type { SyncWait } from '../../../sync/sync-service.js';
import { errorPayload, toSafeError } from '../../errors.js';
import type { ToolContext } from '../define-tool.js';
import type { DayRange } from './day-range.js';
import { newestStoredAt } from './fields.js';
import { addDays } from '../../../core/time/days.js';
import { localDayOf, localDayStartMs, SERVER_ZONE } from '../../../core/time/zones.js';

export interface SyncNote {
  /** The resource name as the provider declares it (the store's key). */
  resource: string;
  warnings: string[];
  fetchedNow: string[];
  fresh: boolean;
  /** When the recent (still-open) days of the window were last fetched; null: never, or none in it. */
  checkedAt?: string | null;
  /** Seconds between `checkedAt` and this call. */
  ageSeconds?: number | null;
  /** Answered from the cache; the recent days are being re-checked after this answer. */
  backgroundRefresh?: boolean;
}

/** The provider window of a day range, shaped by how the resource is listed. */
export function providerWindow(spec: ResourceSpec, range: DayRange, now: Date): TimeWindow {
  if (spec.windowing === 'day') return { start: range.startDay, end: addDays(range.endDay, 1) };
  if (spec.windowing === 'datetime') {
    return {
      start: new Date(localDayStartMs(range.startDay, SERVER_ZONE)).toISOString(),
      end: new Date(localDayStartMs(addDays(range.endDay, 1), SERVER_ZONE)).toISOString(),
    };
  }
  const today = localDayOf(now, SERVER_ZONE);
  return { start: today, end: addDays(today, 1) };
}

function findSpec(context: ToolContext, provider: ProviderId, resource: string): ResourceSpec | undefined {
  const registered = context.app.providers.get(provider);
  if (!registered) {
    throw new WearablesError('NOT_CONNECTED', `The ${provider} provider is not configured on this server`, {
      hint: 'Use get_auth_status to see which providers are available.',
    });
  }
  const loose = (name: string): string => name.toLowerCase().replace(/_/g, '');
  // Tolerates spelling variants of the API (`heartrate`, `vO2_max`).
  return (
    registered.resources.find((spec) => spec.name === resource) ??
    registered.resources.find((spec) => loose(spec.name) === loose(resource))
  );
}

/** The resource spec a tool reads, or undefined when the provider does not declare it. */
export function declaredResource(context: ToolContext, provider: ProviderId, resource: string): ResourceSpec | undefined {
  return findSpec(context, provider, resource);
}

async function cachedCount(context: ToolContext, provider: ProviderId, spec: ResourceSpec, range: DayRange): Promise<number> {
  if (spec.kind === 'series') {
    const start = localDayStartMs(range.startDay, SERVER_ZONE);
    const end = localDayStartMs(addDays(range.endDay, 1), SERVER_ZONE);
    return context.app.store.countSamples({ provider, series: spec.series ?? spec.name, start, end });
  }
  const days = spec.windowing === 'none' ? {} : { startDay: range.startDay, endDay: range.endDay };
  return context.app.store.countRecords({ provider, resource: spec.name, ...days });
}

/** Progress sent per tool call so far: MCP progress must increase across one call's notifications. */
const progressSent = new WeakMap<ToolContext, number>();

/** A read waiting for another process's sync of the provider says so in its progress. */
function nextProgress(context: ToolContext): number {
  const next = (progressSent.get(context) ?? 0) + 1;
  progressSent.set(context, next);
  return next;
}

/**
 * Brings one resource's window up to date (targeted or fresh). Throws only when syncing failed and
 * the cache holds nothing for the window; otherwise returns warnings to include in the answer.
 */
export async function syncWindow(
  context: ToolContext,
  target: { provider: ProviderId; resource: string; range: DayRange; fresh: boolean },
): Promise<SyncNote> {
  const { provider, resource, range, fresh } = target;
  const spec = findSpec(context, provider, resource);
  const note: SyncNote = { resource: spec?.name ?? resource, warnings: [], fetchedNow: [], fresh };
  if (!spec) {
    note.warnings.push(`${provider} does not deliver "${resource}" on this server; nothing to show for it.`);
    return note;
  }
  const window = providerWindow(spec, range, context.app.now());
  const waits = { onWait: (wait: SyncWait) => context.progress(nextProgress(context), undefined, wait.message) };
  const nowMs = context.app.now().getTime();
  try {
    if (fresh) {
      await context.app.sync.refreshWindow(provider, spec.name, window, waits);
      note.fetchedNow.push(`${spec.name} ${window.start}..${window.end}`);
      return { ...note, ...checkedNote(new Date(nowMs).toISOString(), nowMs) };
    }
    const result = await context.app.sync.ensureCovered(provider, spec.name, window, waits);
    Object.assign(note, checkedNote(result.checkedAt ?? null, nowMs), result.backgroundRefresh ? { backgroundRefresh: true } : {});
    const unfetched = result.unfetched ?? [];
    const label = (part: TimeWindow): string => `${spec.name} ${part.start}..${part.end}`;
    const unfetchedLabels = new Set(unfetched.map(label));
    for (const part of result.missing) if (!unfetchedLabels.has(label(part))) note.fetchedNow.push(label(part));
    if (result.error) note.warnings.push(cacheFallbackWarning(spec.name, result.error));
    else if (unfetched.length > 0) {
      note.warnings.push(
        `${spec.name} was never synced for ${unfetched.map((part) => `${part.start}..${part.end}`).join(', ')} and could not be fetched now (is ${provider} connected? see get_auth_status); data there may be incomplete.`,
      );
    }
  } catch (error) {
    const safe = toSafeError(error);
    if ((await cachedCount(context, provider, spec, range)) === 0) throw safe;
    note.warnings.push(cacheFallbackWarning(spec.name, safe));
  }
  return note;
}

function checkedNote(checkedAt: string | null, nowMs: number): Pick<SyncNote, 'checkedAt' | 'ageSeconds'> {
  const ageSeconds = checkedAt === null ? null : Math.max(0, Math.round((nowMs - Date.parse(checkedAt)) / 1000));
  return { checkedAt, ageSeconds };
}

function cacheFallbackWarning(resource: string, error: unknown): string {
  const payload = errorPayload(toSafeError(error));
  return `Could not sync ${resource} (${payload.code}: ${payload.message}); answering from the cache, which may be incomplete. ${payload.hint}`;
}

/**
 * The stored rows typed as the kind the tool reads. The kind must be the one the resource
 * declares (a tool reading another kind is a bug); rows that are not of it are left out and the
 * answer says how many.
 */
export function typedRows<K extends RecordKind>(context: ToolContext, target: { provider: ProviderId; kind: K }, note: SyncNote, rows: readonly StoredRecord[]): StoredKindRecord<K>[] {
  const declared = findSpec(context, target.provider, note.resource)?.recordKind;
  if (declared !== undefined && declared !== target.kind) {
    throw new WearablesError('INTERNAL_ERROR', `${target.provider} ${note.resource} holds ${declared ?? 'samples'} records, not ${target.kind}.`, {
      hint: 'This is a bug of the tool; please report it.',
    });
  }
  const { rows: typed, unreadable } = narrowRows(target.kind, rows);
  if (unreadable > 0) {
    note.warnings.push(`${unreadable} ${note.resource} document(s) did not match ${target.provider}'s schema and have no readable fields; left out (their payload is kept in the cache).`);
  }
  return typed;
}

/** Syncs (cache-first) then reads every record of one day resource in the range, typed as its kind. */
export async function readDayRecords<K extends RecordKind>(
  context: ToolContext,
  target: { provider: ProviderId; resource: string; kind: K; range: DayRange; fresh: boolean; order?: RecordQuery['order'] },
): Promise<{ records: StoredKindRecord<K>[]; note: SyncNote }> {
  const note = await syncWindow(context, target);
  const rows = await context.app.store.queryRecords({
    provider: target.provider,
    resource: note.resource,
    startDay: target.range.startDay,
    endDay: target.range.endDay,
    order: target.order ?? 'asc',
  });
  return { records: typedRows(context, target, note, rows), note };
}

/** Merges several sync notes (tools reading more than one resource): the answer is as fresh as its stalest part. */
export function mergeNotes(notes: readonly SyncNote[], fresh: boolean): SyncNote {
  const checked = notes.filter((note) => note.checkedAt);
  const stalest = checked.sort((a, b) => ((a.checkedAt as string) < (b.checkedAt as string) ? -1 : 1))[0];
  return {
    resource: notes.map((note) => note.resource).join(','),
    warnings: notes.flatMap((note) => note.warnings),
    fetchedNow: notes.flatMap((note) => note.fetchedNow),
    fresh,
    ...(notes.some((note) => note.checkedAt !== undefined) ? { checkedAt: stalest?.checkedAt ?? null, ageSeconds: stalest?.ageSeconds ?? null } : {}),
    ...(notes.some((note) => note.backgroundRefresh) ? { backgroundRefresh: true } : {}),
  };
}

/** The `synced` part of a read answer: what was fetched, and how fresh the answer is. */
export function syncedMeta(note: SyncNote) {
  return {
    fetched_now: note.fetchedNow,
    fresh: note.fresh,
    ...(note.checkedAt !== undefined ? { checked_at: note.checkedAt, age_seconds: note.ageSeconds ?? null } : {}),
    ...(note.backgroundRefresh ? { background_refresh: true } : {}),
  };
}

/** The traceability fields of a read answer (`window`, `cached_at`, `synced`, `warnings`). */
export function readMeta(range: DayRange, note: SyncNote, records: ReadonlyArray<{ storedAt: string }>, cachedAt?: string | null) {
  return {
    window: { start_date: range.startDay, end_date: range.endDay },
    cached_at: cachedAt !== undefined ? cachedAt : newestStoredAt(records),
    synced: syncedMeta(note),
    warnings: note.warnings,
  };
}

/** Syncs (cache-first) then reads a snapshot resource (no time axis: profile, ring configuration), typed as its kind. */
export async function readSnapshotRecords<K extends RecordKind>(
  context: ToolContext,
  target: { provider: ProviderId; resource: string; kind: K; fresh: boolean },
): Promise<{ records: StoredKindRecord<K>[]; note: SyncNote }> {
  const today = localDayOf(context.app.now(), SERVER_ZONE);
  const note = await syncWindow(context, { ...target, range: { startDay: today, endDay: today } });
  const rows = await context.app.store.queryRecords({ provider: target.provider, resource: note.resource });
  return { records: typedRows(context, target, note, rows), note };
}
