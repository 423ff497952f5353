/**
 * The history start the engine uses for one provider: what the account says (the provider's
 * `history.historyStart`), else the provider's declared earliest day, never before EARLIEST_DAY
 * nor after today. Kept in the store (cursor key `#history-start`) so `since` clamps of later runs
 * cost no request; a new full backfill asks the account again.
 */
import { EARLIEST_DAY } from '../core/bounds.js';
import type { LocalDay } from '../core/types.js';
import type { AuthorizedHttp } from '../core/http.js';
import type { Provider } from '../providers/provider.js';
import type { Store } from '../store/store.js';
import { DAY_PATTERN } from '../core/time/days.js';
import { maxString, minString } from '../core/time/instants.js';

/** Where a provider's history starts and how that was found. */
export interface HistoryStart {
  day: LocalDay;
  /** `account`: found from the account's own data; `declared`: the provider's earliest possible day. */
  source: 'account' | 'declared';
}

export interface HistoryStartInput {
  provider: Provider;
  store: Store;
  http: AuthorizedHttp;
  today: LocalDay;
  signal?: AbortSignal;
}

/** Cursor key of the stored history start (not a resource name: resources never start with `#`). */
export const HISTORY_START_KEY = '#history-start';

/**
 * The provider's history start, or null when it declares none (the engine then keeps the
 * configured history days). `fresh` asks the account even when one is stored.
 */
export async function resolveHistoryStart(input: HistoryStartInput, fresh: boolean): Promise<HistoryStart | null> {
  const { provider, store } = input;
  const history = provider.history;
  if (!history) return null;
  if (!fresh) {
    const stored = parseStored(await store.getCursor(provider.id, HISTORY_START_KEY));
    if (stored) return stored;
  }
  const found = await history.historyStart({ http: input.http, ...(input.signal ? { signal: input.signal } : {}) });
  const floor = maxString(EARLIEST_DAY, history.earliestDay);
  const result: HistoryStart =
    found === null || !DAY_PATTERN.test(found)
      ? { day: floor, source: 'declared' }
      : { day: minString(maxString(found, floor), input.today), source: 'account' };
  await store.setCursor(provider.id, HISTORY_START_KEY, JSON.stringify(result));
  return result;
}

/** Why a history start is where it is, for notices. */
export function historyStartReason(provider: Provider, start: HistoryStart): string {
  return start.source === 'account'
    ? `the first day of data the ${provider.displayName} account holds`
    : `the earliest day ${provider.displayName} can hold data; the account did not tell its first day`;
}

function parseStored(value: string | null): HistoryStart | null {
  if (value === null) return null;
  try {
    const parsed = JSON.parse(value) as Partial<HistoryStart>;
    if (typeof parsed.day === 'string' && DAY_PATTERN.test(parsed.day) && (parsed.source === 'account' || parsed.source === 'declared')) {
      return { day: parsed.day, source: parsed.source };
    }
  } catch {
    // An unreadable value is asked again.
  }
  return null;
}
