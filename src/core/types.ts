/** Shared domain types: the canonical shapes that flow provider -> normalize -> store -> tools. */

/**
 * A provider id (`src/providers/registry.ts` lists the registered ones and derives their union).
 * A plain string here: core is the lowest layer and must not import the providers.
 */
export type ProviderId = string;

/** A calendar day in the user's local time zone, `YYYY-MM-DD`. */
export type LocalDay = string;

/**
 * One provider document after the pure normalize step. `data` holds flat canonical fields
 * (snake_case, SI-ish units named in the key: `_seconds`, `_bpm`, `_ms`, `_kg`); `raw` is the
 * untouched provider payload, kept beside it so nothing the provider sent is lost.
 */
export interface NormalizedRecord {
  provider: ProviderId;
  /** Resource name as the provider declares it, e.g. `daily_sleep`, `sleep`, `workout`. */
  resource: string;
  /** The provider's stable id for the document (for day documents without id: the day). */
  id: string;
  /** Local day the record belongs to (the user's day, not the UTC day); null for snapshots. */
  day: LocalDay | null;
  /** ISO-8601 start with offset, when the record spans time. */
  start: string | null;
  /** ISO-8601 end with offset. */
  end: string | null;
  /** UTC offset of the record's local time, `+02:00`; null when unknown. */
  tzOffset: string | null;
  /** Provider's last-modified timestamp when it sends one (ISO-8601), else null. */
  updatedAt: string | null;
  data: Record<string, unknown>;
  raw: unknown;
}

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
