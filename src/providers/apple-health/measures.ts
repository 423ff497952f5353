/**
 * Weigh-ins and blood pressure → body measures. A scale writes weight and body fat as separate
 * samples at the same instant, a cuff writes a blood-pressure correlation of two samples: one
 * record per writer and instant holds them all. Measures of a copying app (Withings' Health Mate
 * above all) go to `copied_measures` so a weigh-in is not counted twice.
 */
import type { NormalizedRecord } from '../../core/types.js';
import type { AppleInstant } from './apple-time.js';
import { appleRecord, round, stableId } from './apple-record.js';
import type { QuantityMetric } from './health-types.js';
import { copiedProvider, type SourceOrigin } from './source-origin.js';

/** The measure metrics and their canonical field, label and unit. */
export const MEASURE_FIELDS: ReadonlyMap<QuantityMetric, { field: string; label: string; unit: string; decimals: number }> = new Map([
  ['weight_kg', { field: 'weight_kg', label: 'Weight', unit: 'kg', decimals: 3 }],
  ['fat_ratio_pct', { field: 'fat_ratio_pct', label: 'Body fat', unit: '%', decimals: 2 }],
  ['systolic_mmhg', { field: 'systolic_mmhg', label: 'Systolic blood pressure', unit: 'mmHg', decimals: 1 }],
  ['diastolic_mmhg', { field: 'diastolic_mmhg', label: 'Diastolic blood pressure', unit: 'mmHg', decimals: 1 }],
]);

interface PendingMeasure {
  sourceName: string;
  origin: SourceOrigin;
  device: string | null;
  at: AppleInstant;
  manual: boolean;
  values: Map<QuantityMetric, number>;
}

/** Collects measure samples by writer and instant (few per day: kept in memory until the end). */
export class MeasureCollector {
  private readonly pending = new Map<string, PendingMeasure>();

  /** Adds one measure sample. */
  add(metric: QuantityMetric, value: number, sample: { sourceName: string; origin: SourceOrigin; device: string | null; at: AppleInstant; manual: boolean }): void {
    const key = `${sample.sourceName}\u0000${sample.at.ms}`;
    let measure = this.pending.get(key);
    if (!measure) {
      measure = { ...sample, values: new Map() };
      this.pending.set(key, measure);
    }
    measure.manual ||= sample.manual;
    measure.values.set(metric, value);
  }

  /** The collected measures as records, oldest first. */
  records(): NormalizedRecord[] {
    return [...this.pending.values()].sort((left, right) => left.at.ms - right.at.ms || left.sourceName.localeCompare(right.sourceName)).map(measureRecord);
  }
}

function measureRecord(measure: PendingMeasure): NormalizedRecord {
  const fields: Record<string, number> = {};
  const measures: Array<{ key: string; label: string; value: number; unit: string }> = [];
  for (const [metric, spec] of MEASURE_FIELDS) {
    const value = measure.values.get(metric);
    if (value === undefined) continue;
    fields[spec.field] = round(value, spec.decimals);
    measures.push({ key: spec.field, label: spec.label, value: round(value, spec.decimals), unit: spec.unit });
  }
  const copy = copiedProvider(measure.origin);
  return appleRecord(copy ? 'copied_measures' : 'measures', 'body_measure', {
    id: stableId('measure', measure.sourceName, measure.at.iso),
    day: measure.at.day,
    start: measure.at.iso,
    end: null,
    tzOffset: measure.at.offset,
    data: {
      category: 'measurement',
      attribution: measure.manual ? 'manual' : 'device',
      attribution_detail: measure.sourceName,
      device_model: measure.device,
      device_model_id: null,
      comment: null,
      ...fields,
      measures,
    },
    raw: { source_name: measure.sourceName, origin: measure.origin, was_user_entered: measure.manual },
  });
}
