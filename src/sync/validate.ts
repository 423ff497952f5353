/**
 * Input checks of the sync service: provider and resource names, `since`, caller windows. Bad
 * input becomes a VALIDATION_ERROR saying what to pass instead; nothing is fetched or written.
 */
import { WearablesError } from '../core/errors.js';
import type { LocalDay, ProviderId, TimeWindow } from '../core/types.js';
import type { Provider, ResourceSpec, ResourceWindowing } from '../providers/provider.js';
import { isDay } from '../core/time/days.js';
import { isoInstant, minString, parseUtcDayOrInstant } from '../core/time/instants.js';
import type { RunBounds } from './plan-windows.js';

/** The registered provider or VALIDATION_ERROR listing the registered ones. */
export function providerOf(providers: ReadonlyMap<ProviderId, Provider>, id: string): Provider {
  const provider = providers.get(id as ProviderId);
  if (provider) return provider;
  throw new WearablesError('VALIDATION_ERROR', `Unknown provider "${id}". Registered: ${[...providers.keys()].join(', ') || 'none'}.`, {
    hint: 'Use one of the registered provider ids.',
  });
}

/**
 * The resources of each selected provider a sync covers. Every requested resource name must
 * exist in at least one selected provider; a provider with none of them is left out.
 */
export function selectResources(providers: readonly Provider[], names: readonly string[] | undefined): Map<Provider, ResourceSpec[]> {
  const selected = new Map<Provider, ResourceSpec[]>();
  for (const provider of providers) {
    const specs = names ? provider.resources.filter((spec) => names.includes(spec.name)) : [...provider.resources];
    if (specs.length > 0) selected.set(provider, specs);
  }
  for (const name of names ?? []) {
    if (![...selected.values()].some((specs) => specs.some((spec) => spec.name === name))) {
      const valid = [...new Set(providers.flatMap((provider) => provider.resources.map((spec) => spec.name)))];
      throw new WearablesError('VALIDATION_ERROR', `Unknown resource "${name}". Valid: ${valid.join(', ')}.`, {
        hint: 'Use one of the listed resource names, or leave resources out to sync everything.',
      });
    }
  }
  return selected;
}

/** Checks `since` is a real day not after today (in the time zone furthest ahead, UTC+14). */
export function checkSince(since: string | undefined, bounds: RunBounds): LocalDay | undefined {
  if (since === undefined) return undefined;
  if (!isDay(since) || since >= bounds.endDay) {
    throw new WearablesError('VALIDATION_ERROR', `since "${since}" must be a past or current day written YYYY-MM-DD.`, {
      hint: `Pass a day such as ${bounds.today}, or leave since out for an incremental sync.`,
    });
  }
  return since;
}

/**
 * A caller's window in the resource's format, clipped to what can exist (`[.., endDay)` for day
 * resources, `[.., now)` for series); null when nothing of it is in the past.
 */
export function normalizeWindow(window: TimeWindow, windowing: Exclude<ResourceWindowing, 'none'>, bounds: RunBounds): TimeWindow | null {
  if (windowing === 'day') {
    if (!isDay(window.start) || !isDay(window.end) || window.start >= window.end) {
      throw new WearablesError('VALIDATION_ERROR', `Window ${window.start} – ${window.end} is not a valid day range.`, {
        hint: 'Pass start and end as YYYY-MM-DD with start before end (end is exclusive).',
      });
    }
    const end = minString(window.end, bounds.endDay);
    return window.start < end ? { start: window.start, end } : null;
  }
  const startMs = parseUtcDayOrInstant(window.start, 'Window start');
  const endMs = parseUtcDayOrInstant(window.end, 'Window end');
  if (startMs >= endMs) {
    throw new WearablesError('VALIDATION_ERROR', `Window ${window.start} – ${window.end} ends before it starts.`, {
      hint: 'Pass start before end (end is exclusive).',
    });
  }
  const end = minString(isoInstant(endMs), bounds.nowInstant);
  const start = isoInstant(startMs);
  return start < end ? { start, end } : null;
}
