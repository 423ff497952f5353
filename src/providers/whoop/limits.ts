/** History limits of the provider, kept apart from the client so the module declares them without loading it. */
import type { LocalDay } from '../../core/types.js';

/** No WHOOP account holds data before this day: the first strap shipped in late 2015. */
export const WHOOP_EARLIEST_DAY: LocalDay = '2015-01-01';

/** WHOOP allows 100 requests a minute (and 10,000 a day); a backfill keeps to 90 a minute. */
export const WHOOP_BACKFILL_BUDGET = { requests: 90, perMs: 60_000 } as const;
