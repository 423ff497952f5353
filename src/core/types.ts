/** Shared domain types: the canonical shapes that flow provider -> normalize -> store -> tools. */
import type { NormalizedRecord } from './records/record.js';

/** One provider document after the pure normalize step, typed by kind (see `records/record.ts`). */
export type { NormalizedRecord };

/**
 * A provider id (`src/providers/registry.ts` lists the registered ones and derives their union).
 * A plain string here: core is the lowest layer and must not import the providers.
 */
export type ProviderId = string;

/** A calendar day in the user's local time zone, `YYYY-MM-DD`. */
export type LocalDay = string;

/** One point of a time series (heart rate, ...). Stored in the compact samples table. */
export interface Sample {
  provider: ProviderId;
  /** Series name, e.g. `heart_rate`. */
  series: string;
  /** Epoch milliseconds (UTC). */
  ts: number;
  value: number;
  /** Provider-specific source tag (`awake`, `rest`, `workout`, device id ...), optional. */
  source?: string | null;
}

/** A half-open window `[start, end)`; days as `YYYY-MM-DD` for day resources, ISO datetimes for series. */
export interface TimeWindow {
  start: string;
  end: string;
}
