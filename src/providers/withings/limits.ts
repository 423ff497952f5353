/** History limits of the provider, kept apart from the client so the module declares them without loading it. */
import type { LocalDay } from '../../core/types.js';

/** No Withings account holds data before this day: its first connected scale shipped in 2009. */
export const WITHINGS_EARLIEST_DAY: LocalDay = '2009-01-01';

/** Withings allows 120 requests a minute; a backfill keeps to 110 (the client paces to 120 as well). */
export const WITHINGS_BACKFILL_BUDGET = { requests: 110, perMs: 60_000 } as const;
