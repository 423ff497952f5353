/**
 * Freshness of a cache-first read: which parts of a window were never completely synced (closed
 * days: must be fetched), whether its still-open part was checked recently enough (within the
 * freshness window: nothing to fetch), and what a fetch would ask for.
 */
import type { TimeWindow } from '../core/types.js';
import type { Provider, ResourceSpec } from '../providers/provider.js';
import type { OpenCheck } from '../store/store.js';
import type { EngineDeps } from './engine-deps.js';
import { openBound, openPart, runBounds } from './plan-windows.js';
import { isoInstant, minString } from '../core/time/instants.js';
import { normalizeWindow } from './validate.js';

/** Default freshness window: how long a check of the open days answers repeated reads. */
export const DEFAULT_FRESHNESS_MS = 5 * 60_000;

export interface WindowState {
  /** Parts before the open bound never completely synced: a read must wait for them. */
  closed: TimeWindow[];
  /** The never-covered part of the window's open days, or null when it has none. */
  open: TimeWindow | null;
  /** The newest recorded check covering the open part, if any. */
  check: OpenCheck | undefined;
  /** The open part needs no fetch: checked within the freshness window. */
  openFresh: boolean;
  /** What a fetch asks for now: the closed gaps, or every gap when the open part is stale. */
  toFetch: TimeWindow[];
}

/** The freshness state of `window` of a windowed resource; null when nothing of it can exist yet. */
export async function windowState(deps: EngineDeps, provider: Provider, spec: ResourceSpec, window: TimeWindow): Promise<WindowState | null> {
  if (spec.windowing === 'none') return null;
  const now = deps.now();
  const bounds = runBounds(now);
  const normalized = normalizeWindow(window, spec.windowing, bounds);
  if (!normalized) return null;
  const bound = openBound(spec.windowing, bounds, spec.lateDataHours);
  const gaps = await deps.store.missingWindows(provider.id, spec.name, normalized);
  const closed: TimeWindow[] = [];
  const openGaps: TimeWindow[] = [];
  for (const gap of gaps) {
    const before = spec.windowing === 'day' ? { start: gap.start, end: minString(gap.end, bound) } : clipInstants(gap, null, bound);
    const after = openPart(gap, spec.windowing, bounds, spec.lateDataHours);
    if (before && lessThan(before.start, before.end)) closed.push(before);
    if (after) openGaps.push(after);
  }
  // Coverage is the authority: only the never-covered part of the open days needs checking.
  const first = openGaps[0];
  const last = openGaps[openGaps.length - 1];
  const open = first && last ? { start: first.start, end: last.end } : null;
  const check = open ? coveringCheck(await deps.store.listChecks(provider.id, spec.name), open) : undefined;
  const openFresh = open === null || (check !== undefined && now.getTime() - Date.parse(check.checkedAt) < deps.freshnessMs);
  const toFetch = openFresh ? closed : gaps;
  return { closed, open, check, openFresh, toFetch };
}

/**
 * The newest check whose window holds `open`. A datetime check reaching its own start instant
 * holds everything up to any later now (what arrived since is what freshness tolerates).
 */
function coveringCheck(checks: readonly OpenCheck[], open: TimeWindow): OpenCheck | undefined {
  const day = open.start.length === 10;
  return checks.find((check) => {
    if (day) return check.start.length === 10 && check.start <= open.start && check.end >= open.end;
    if (check.start.length === 10) return false;
    const startOk = Date.parse(check.start) <= Date.parse(open.start);
    const endMs = Date.parse(check.end);
    return startOk && (endMs >= Date.parse(open.end) || endMs >= Date.parse(check.checkedAt));
  });
}

function clipInstants(window: TimeWindow, start: string | null, end: string): TimeWindow | null {
  const startMs = Math.max(Date.parse(window.start), start === null ? -Infinity : Date.parse(start));
  const endMs = Math.min(Date.parse(window.end), Date.parse(end));
  return startMs < endMs ? { start: isoInstant(startMs), end: isoInstant(endMs) } : null;
}

function lessThan(a: string, b: string): boolean {
  return a.length === 10 ? a < b : Date.parse(a) < Date.parse(b);
}
