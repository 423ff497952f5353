/** History limits of the provider, kept apart from the client so the module declares them without loading it. */
import type { LocalDay } from '../../core/types.js';

/**
 * No Oura account holds data before this day: the first rings shipped to Kickstarter backers in
 * 2015 and API v2 serves nothing older.
 */
export const OURA_EARLIEST_DAY: LocalDay = '2015-01-01';

/** Oura allows 5,000 requests per 5 minutes per user; a backfill keeps to 4,500. */
export const OURA_BACKFILL_BUDGET = { requests: 4_500, perMs: 300_000 } as const;
