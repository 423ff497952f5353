/**
 * Planning one provider's regular run (`sync()`): incremental windows from the cursors, `since`
 * clamped to the provider's history start, or the resumable full backfill from the account's
 * first day. The history start is looked up at most once per run, and only when needed; what the
 * planner decided for the user (a clamped `since`, where a backfill starts, what it resumed)
 * comes back as notices on the run's result.
 */
import type { LocalDay } from '../core/types.js';
import type { AuthorizedHttp } from '../core/http.js';
import type { Provider, ResourceSpec } from '../providers/provider.js';
import type { SyncOptions } from './sync-service.js';
import { finishGeneration, openGeneration, planBackfill } from './backfill.js';
import { addDays } from '../core/time/days.js';
import type { EngineDeps } from './engine-deps.js';
import { historyStartReason, resolveHistoryStart, type HistoryStart } from './history-start.js';
import { planRange, type RunBounds } from './plan-windows.js';
import { clampSince } from './since-clamp.js';
import type { ResourcePlan } from './resource-plan.js';

export interface SyncPlanner {
  plan(spec: ResourceSpec, bounds: RunBounds): Promise<ResourcePlan>;
  /** What the user should be told about this run's range (clamped since, backfill start, resume). */
  notices(): string[];
  /** After the run: a full run that ended `ok` finishes its backfill generation. */
  finish(status: 'running' | 'ok' | 'partial' | 'failed'): Promise<void>;
}

/** A planner for one provider run; `options.since` is the validated, not yet clamped day. */
export function createSyncPlanner(deps: EngineDeps, provider: Provider, http: AuthorizedHttp, options: SyncOptions): SyncPlanner {
  const full = options.full === true;
  const notices: string[] = [];
  let history: Promise<HistoryStart | null> | undefined;
  let since: Promise<LocalDay | undefined> | undefined;
  let generation: Promise<{ id: number; continued: boolean }> | undefined;
  let resumedWindows = 0;
  let announcedStart = false;

  const openGen = () => (generation ??= openGeneration(deps.store, provider.id));
  const historyStart = (bounds: RunBounds) =>
    (history ??= (async () => {
      // A new backfill asks the account again; a continued one and a `since` clamp use the stored answer.
      const fresh = full && !(await openGen()).continued;
      const input = { provider, store: deps.store, http, today: bounds.today, ...(options.signal ? { signal: options.signal } : {}) };
      return resolveHistoryStart(input, fresh);
    })());

  async function sinceFor(bounds: RunBounds): Promise<LocalDay | undefined> {
    if (options.since === undefined) return undefined;
    const input = { provider, requested: options.since, bounds, historyDays: deps.historyDays, historyStart: () => historyStart(bounds) };
    const clamped = await clampSince(input);
    if (clamped.notice) notices.push(clamped.notice);
    return clamped.since;
  }

  async function newBackfillStart(bounds: RunBounds, clamped: LocalDay | undefined): Promise<LocalDay> {
    if (clamped !== undefined) return clamped;
    const start = await historyStart(bounds);
    if (!start) return addDays(bounds.today, -deps.historyDays);
    if (!announcedStart) {
      announcedStart = true;
      notices.push(`Full sync of ${provider.displayName} from ${start.day} (${historyStartReason(provider, start)}).`);
    }
    return start.day;
  }

  return {
    async plan(spec, bounds) {
      if (spec.windowing === 'none') return { windows: [] };
      const clamped = await (since ??= sinceFor(bounds));
      if (full) {
        return planBackfill({
          store: deps.store,
          provider: provider.id,
          spec: { ...spec, windowing: spec.windowing },
          bounds,
          now: deps.now,
          generation: (await openGen()).id,
          ...(clamped !== undefined ? { since: clamped } : {}),
          firstDay: () => newBackfillStart(bounds, clamped),
          onResume: (skipped) => (resumedWindows += skipped),
        });
      }
      return planIncremental(deps, provider, { ...spec, windowing: spec.windowing }, bounds, clamped);
    },
    notices() {
      const resumed =
        resumedWindows > 0
          ? [`Resumed the interrupted full sync of ${provider.displayName}: ${resumedWindows} request windows stored earlier were not fetched again.`]
          : [];
      return [...notices, ...resumed];
    },
    async finish(status) {
      if (!full || generation === undefined) return;
      if (status === 'ok') await finishGeneration(deps.store, provider.id, (await generation).id, deps.now());
      else notices.push(`The full sync of ${provider.displayName} stopped before the end; run it again (sync --full) to continue where it stopped: stored windows are not fetched again.`);
    },
  };
}

/** An incremental (or `since`) run of one resource: from the cursor − overlap, or the default history. */
async function planIncremental(
  deps: EngineDeps,
  provider: Provider,
  spec: ResourceSpec & { windowing: 'day' | 'datetime' },
  bounds: RunBounds,
  since: LocalDay | undefined,
): Promise<ResourcePlan> {
  const range = planRange({
    windowing: spec.windowing,
    overlapDays: spec.overlapDays,
    historyDays: Math.min(deps.historyDays, spec.historyDays ?? deps.historyDays),
    cursor: await deps.store.getCursor(provider.id, spec.name),
    full: false,
    ...(since !== undefined ? { since } : {}),
    bounds,
  });
  return { windows: range ? [range] : [] };
}
