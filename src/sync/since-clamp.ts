/**
 * `since` bounded where it enters a run: never before EARLIEST_DAY, the provider's declared
 * earliest day, or — when it reaches deeper than the default history — the account's history
 * start. A clamped `since` is no error (the user asked for "everything since then"); the run
 * says what it used instead.
 */
import { EARLIEST_DAY } from '../core/bounds.js';
import type { LocalDay } from '../core/types.js';
import type { Provider } from '../providers/provider.js';
import { addDays } from '../core/time/days.js';
import { maxString } from '../core/time/instants.js';
import { historyStartReason, type HistoryStart } from './history-start.js';
import type { RunBounds } from './plan-windows.js';

export interface SinceClampInput {
  provider: Provider;
  requested: LocalDay;
  bounds: RunBounds;
  /** The engine's default history: a since inside it needs no look-up. */
  historyDays: number;
  /** The provider's history start (looked up at most once per run). */
  historyStart: () => Promise<HistoryStart | null>;
}

/** The day a run starts at for `requested`, and the notice when that is not `requested`. */
export async function clampSince(input: SinceClampInput): Promise<{ since: LocalDay; notice?: string }> {
  const { provider, requested, bounds } = input;
  let floor = maxString(EARLIEST_DAY, provider.history?.earliestDay ?? EARLIEST_DAY);
  let why = provider.history ? `the earliest day ${provider.displayName} can hold data` : 'the earliest day any input may name';
  if (requested < floor || requested < addDays(bounds.today, -input.historyDays)) {
    const start = await input.historyStart();
    if (start && start.day >= floor) {
      floor = start.day;
      why = historyStartReason(provider, start);
    }
  }
  if (requested >= floor) return { since: requested };
  return { since: floor, notice: `since ${requested} is before ${provider.displayName}'s history start: synced from ${floor} (${why}) instead.` };
}
