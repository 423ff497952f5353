/**
 * The resumable backfill of `sync --full`. A provider's backfill is one generation (cursor key
 * `#backfill`: its number, when it finished); each resource keeps its progress in it (cursor key
 * `<resource>#backfill`: generation, first day, how far it stored, when it finished). Progress
 * moves only after a chunk was completely stored, like the cursor, so after a crash, a spent
 * quota (RATE_LIMITED) or a cancellation the next full sync continues the same generation:
 * resources it finished and the stored part of the others are not fetched again; only the
 * overlap days before today are, as every incremental run does, to catch late and re-scored
 * records. Once a full run of the provider ends `ok` the generation is finished, and the next
 * full sync starts a new one (re-proving everything, as `--full` promises).
 */
import type { LocalDay, ProviderId, TimeWindow } from '../core/types.js';
import type { ResourceSpec } from '../providers/provider.js';
import type { Store } from '../store/store.js';
import { addDays, DAY_MS, utcDayStartMs } from '../core/time/days.js';
import { isoInstant, maxString, minString, parseUtcDayOrInstant } from '../core/time/instants.js';
import { chunkWindow, type RunBounds } from './plan-windows.js';
import type { ResourcePlan } from './resource-plan.js';

/** A provider's backfill generation. */
export interface BackfillGeneration {
  id: number;
  finishedAt: string | null;
}

/** One resource's backfill progress. */
export interface BackfillState {
  /** The generation this progress belongs to (older generations' progress is ignored). */
  generation: number;
  /** First local day of the backfill. */
  start: LocalDay;
  /** End of the last completely stored chunk (a day or an instant, as the resource is windowed). */
  through: string;
  startedAt: string;
  finishedAt: string | null;
}

export interface BackfillInput {
  store: Store;
  provider: ProviderId;
  spec: ResourceSpec & { windowing: 'day' | 'datetime' };
  bounds: RunBounds;
  now: () => Date;
  /** The provider's current generation (see `openGeneration`). */
  generation: number;
  /** `since` of this run (already clamped): a backfill from another day is not resumed. */
  since?: LocalDay;
  /** First day of a new backfill (the history start); only asked when nothing is resumed. */
  firstDay: () => Promise<LocalDay>;
  /** Told how many stored windows a resumed backfill skips. */
  onResume?: (skippedWindows: number) => void;
}

/** Cursor key of a provider's backfill generation. */
export const GENERATION_KEY = '#backfill';

/**
 * The generation a full run works in: the unfinished one (an earlier full run was interrupted)
 * or a new one. `continued` says which.
 */
export async function openGeneration(store: Store, provider: ProviderId): Promise<{ id: number; continued: boolean }> {
  const current = parse<BackfillGeneration>(await store.getCursor(provider, GENERATION_KEY), (value) => typeof value.id === 'number');
  if (current && current.finishedAt === null) return { id: current.id, continued: true };
  const id = (current?.id ?? 0) + 1;
  await store.setCursor(provider, GENERATION_KEY, JSON.stringify({ id, finishedAt: null } satisfies BackfillGeneration));
  return { id, continued: false };
}

/** Marks the generation finished: the next full sync starts a new one. */
export async function finishGeneration(store: Store, provider: ProviderId, id: number, at: Date): Promise<void> {
  await store.setCursor(provider, GENERATION_KEY, JSON.stringify({ id, finishedAt: at.toISOString() } satisfies BackfillGeneration));
}

/** Cursor key of a resource's backfill state. */
export function backfillKey(resource: string): string {
  return `${resource}#backfill`;
}

/** The stored backfill state of a resource, or null. */
export async function readBackfill(store: Store, provider: ProviderId, resource: string): Promise<BackfillState | null> {
  const state = parse<BackfillState>(
    await store.getCursor(provider, backfillKey(resource)),
    (value) => typeof value.generation === 'number' && typeof value.start === 'string' && typeof value.through === 'string',
  );
  return state ? { ...state, finishedAt: state.finishedAt ?? null } : null;
}

/** Plans a full run of one resource: resumes an unfinished backfill or starts a new one. */
export async function planBackfill(input: BackfillInput): Promise<ResourcePlan> {
  const { store, provider, spec, bounds } = input;
  const cap = spec.historyDays === undefined ? null : addDays(bounds.today, -spec.historyDays);
  const capped = (day: LocalDay) => (cap === null ? day : maxString(day, cap));
  const previous = await readBackfill(store, provider, spec.name);
  const resumable =
    previous !== null && previous.generation === input.generation && (input.since === undefined || capped(input.since) === previous.start);
  const state: BackfillState = resumable
    ? previous
    : {
        generation: input.generation,
        start: capped(input.since ?? (await input.firstDay())),
        through: '',
        startedAt: input.now().toISOString(),
        finishedAt: null,
      };
  const origin = startBound(state.start, spec.windowing);
  if (!resumable) {
    state.through = origin;
    await save(store, provider, spec.name, state);
  }
  const end = spec.windowing === 'day' ? bounds.endDay : bounds.nowInstant;
  // A resource this generation finished re-fetches only the overlap, like an unfinished one.
  const from = resumable ? maxString(origin, minString(state.finishedAt ? end : state.through, overlapStart(spec, bounds))) : origin;
  const doneBefore = from > origin ? chunkWindow({ start: origin, end: from }, spec.windowing, spec.maxWindowDays).length : 0;
  if (resumable) input.onResume?.(doneBefore);
  return {
    windows: from < end ? [{ start: from, end }] : [],
    doneBefore,
    onStored: async (chunk: TimeWindow) => {
      if (chunk.end > state.through) state.through = chunk.end;
      await save(store, provider, spec.name, state);
    },
    onComplete: async () => {
      state.finishedAt = input.now().toISOString();
      await save(store, provider, spec.name, state);
    },
  };
}

/** Where a resumed backfill must start at the latest: the resource's overlap before today. */
function overlapStart(spec: BackfillInput['spec'], bounds: RunBounds): string {
  if (spec.windowing === 'day') return addDays(bounds.today, -spec.overlapDays);
  return isoInstant(parseUtcDayOrInstant(bounds.nowInstant, 'now') - spec.overlapDays * DAY_MS);
}

/**
 * Where a backfill from local day `day` starts in the resource's format. An instant list starts
 * a UTC day earlier: local day `day` begins up to 14 h before its UTC midnight (UTC+14).
 */
function startBound(day: LocalDay, windowing: 'day' | 'datetime'): string {
  return windowing === 'day' ? day : isoInstant(utcDayStartMs(addDays(day, -1)));
}

function parse<T>(value: string | null, valid: (value: Partial<T>) => boolean): T | null {
  if (value === null) return null;
  try {
    const parsed = JSON.parse(value) as Partial<T>;
    return valid(parsed) ? (parsed as T) : null;
  } catch {
    return null; // An unreadable state starts a new backfill.
  }
}

async function save(store: Store, provider: ProviderId, resource: string, state: BackfillState): Promise<void> {
  await store.setCursor(provider, backfillKey(resource), JSON.stringify(state));
}
