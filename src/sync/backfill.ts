/**
 * The resumable backfill of `sync --full`. Each resource keeps its progress in the store (cursor
 * key `<resource>#backfill`: where the backfill started, how far it stored, when it finished).
 * The state moves only after a chunk was completely stored, like the cursor, so after a crash, a
 * spent quota (RATE_LIMITED) or a cancellation the next full sync continues from there instead of
 * fetching the stored windows again; only the overlap days before today are re-fetched, as every
 * incremental run does, to catch late and re-scored records. A finished backfill is not resumed:
 * the next full sync starts a new one.
 */
import type { LocalDay, ProviderId, TimeWindow } from '../core/types.js';
import type { ResourceSpec } from '../providers/provider.js';
import type { Store } from '../store/store.js';
import { DAY_MS, addDays, dayStartMs, isoInstant, maxString, minString, parseInstant } from './dates.js';
import { chunkWindow, type RunBounds } from './plan-windows.js';
import type { ResourcePlan } from './resource-plan.js';

/** One resource's backfill progress. */
export interface BackfillState {
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
  /** `since` of this run (already clamped): a backfill from another day is not resumed. */
  since?: LocalDay;
  /** First day of a new backfill (the history start); only asked when nothing is resumed. */
  firstDay: () => Promise<LocalDay>;
  /** Told how many stored windows a resumed backfill skips. */
  onResume?: (skippedWindows: number) => void;
}

/** Cursor key of a resource's backfill state. */
export function backfillKey(resource: string): string {
  return `${resource}#backfill`;
}

/** The stored backfill state of a resource, or null. */
export async function readBackfill(store: Store, provider: ProviderId, resource: string): Promise<BackfillState | null> {
  const value = await store.getCursor(provider, backfillKey(resource));
  if (value === null) return null;
  try {
    const state = JSON.parse(value) as Partial<BackfillState>;
    if (typeof state.start === 'string' && typeof state.through === 'string' && typeof state.startedAt === 'string') {
      return { start: state.start, through: state.through, startedAt: state.startedAt, finishedAt: state.finishedAt ?? null };
    }
  } catch {
    // An unreadable state starts a new backfill.
  }
  return null;
}

/** Plans a full run of one resource: resumes an unfinished backfill or starts a new one. */
export async function planBackfill(input: BackfillInput): Promise<ResourcePlan> {
  const { store, provider, spec, bounds } = input;
  const cap = spec.historyDays === undefined ? null : addDays(bounds.today, -spec.historyDays);
  const capped = (day: LocalDay) => (cap === null ? day : maxString(day, cap));
  const previous = await readBackfill(store, provider, spec.name);
  const resumable = previous !== null && previous.finishedAt === null && (input.since === undefined || capped(input.since) === previous.start);
  const state: BackfillState = resumable
    ? previous
    : { start: capped(input.since ?? (await input.firstDay())), through: '', startedAt: input.now().toISOString(), finishedAt: null };
  const origin = startBound(state.start, spec.windowing);
  if (!resumable) {
    state.through = origin;
    await save(store, provider, spec.name, state);
  }
  const end = spec.windowing === 'day' ? bounds.endDay : bounds.nowInstant;
  const from = resumable ? maxString(origin, minString(state.through, overlapStart(spec, bounds))) : origin;
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
  return isoInstant(parseInstant(bounds.nowInstant, 'now') - spec.overlapDays * DAY_MS);
}

function startBound(day: LocalDay, windowing: 'day' | 'datetime'): string {
  return windowing === 'day' ? day : isoInstant(dayStartMs(day));
}

async function save(store: Store, provider: ProviderId, resource: string, state: BackfillState): Promise<void> {
  await store.setCursor(provider, backfillKey(resource), JSON.stringify(state));
}
