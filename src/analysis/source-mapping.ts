/**
 * How a provider plugs into the cross-device day view: it declares, per stored resource, how the
 * records of one local day combine and which canonical `data` field feeds which canonical metric
 * (with its unit). The analysis reads only these declarations; it never branches on a provider id.
 */
import type { FieldOf, NumberField, RecordDataByKind, RecordKind } from '../core/records/record.js';
import type { ProviderId } from '../core/types.js';

/** Where a metric's value comes from in one record of kind `K`. */
export type FieldSource<K extends RecordKind = RecordKind> =
  /** A numeric field of the kind, or several summed (`high_activity_seconds` + `medium_activity_seconds`). */
  | { field: NumberField<K> | readonly NumberField<K>[] }
  /** The record's local clock time of `start`, as hours from the wake day's midnight (23:30 → -0.5). */
  | { derive: 'start_clock_hours' }
  /** The number of records of the day (workouts). */
  | { derive: 'count' };

export type FieldMapping<K extends RecordKind = RecordKind> = FieldSource<K> & {
  metric: string;
  /** Unit of the value after `scale`; must equal the catalog unit (a test pins it). */
  unit: string;
  /** Factor from the stored unit to the metric unit (seconds → minutes: 1/60). */
  scale?: number;
};

/**
 * How the records of one resource and local day become one value per metric:
 * - `one`: a day document (the newest stored one if there are several);
 * - `main_sleep`: the longest record by `rankField` (naps and short rests are not the night);
 * - `sum`: every record of the day summed (workouts; `count` counts them);
 * - `mean`: the mean of the day's measurements (several weigh-ins).
 */
export type DayCombine = 'one' | 'main_sleep' | 'sum' | 'mean';

/** A main night is at least 3 hours asleep; shorter periods on a day with no night are naps or rests. */
export const MIN_NIGHT_SECONDS = 3 * 3600;

/** The mapping of one resource whose records are of kind `K`: every field it names is a field of `K`. */
export interface KindMapping<K extends RecordKind> {
  provider: ProviderId;
  resource: string;
  /** The kind the resource declares (a test checks it against the provider's resource spec). */
  kind: K;
  combine: DayCombine;
  /** For `main_sleep`: the numeric field that ranks candidate periods. */
  rankField?: NumberField<K>;
  /** For `main_sleep`: the least `rankField` value of a night (shorter periods are naps or rests). */
  minRank?: number;
  /** Records matching any of these (`data[field] === equals`) are ignored (`nap: true`, an ambiguous weigh-in). */
  skipWhen?: ReadonlyArray<{ field: FieldOf<RecordDataByKind[K], unknown>; equals: unknown }>;
  fields: readonly FieldMapping<K>[];
}

/** A resource mapping of any kind (switch on `kind` for its fields). */
export type ResourceMapping = { [K in RecordKind]: KindMapping<K> }[RecordKind];

/** A field declaration as the extractor reads it: names as plain strings (every `FieldMapping` is one). */
export type DeclaredField = ({ field: string | readonly string[] } | { derive: 'start_clock_hours' | 'count' }) & { metric: string; unit: string; scale?: number };

/** A mapping as the extractor reads it, whatever its kind (every `ResourceMapping` is one). */
export interface DeclaredMapping {
  provider: ProviderId;
  resource: string;
  kind: RecordKind;
  combine: DayCombine;
  rankField?: string;
  minRank?: number;
  skipWhen?: ReadonlyArray<{ field: string; equals: unknown }>;
  fields: readonly DeclaredField[];
}
