/** Mapping of Oura `sleep` documents (sleep periods), shared by the sleep tools. */
import { z } from 'zod';
import type { StoredRecord } from '../../../store/store.js';
import { numberField, stringField } from '../../../mcp/tools/shared/fields.js';
import { nullableNumber } from '../../../mcp/tools/shared/schemas.js';

/** Bed times and stage durations of a sleep period, as the sleep tools list them. */
export const sleepStagesShape = {
  bedtime_start: z.string().nullable(),
  bedtime_end: z.string().nullable(),
  total_sleep_seconds: nullableNumber,
  time_in_bed_seconds: nullableNumber,
  deep_sleep_seconds: nullableNumber,
  rem_sleep_seconds: nullableNumber,
  light_sleep_seconds: nullableNumber,
  awake_seconds: nullableNumber,
};

/** Stage durations and averages of one sleep period. */
export const sleepPeriodShape = {
  type: z.string().nullable().describe('long_sleep (main), sleep, late_nap, rest ...'),
  ...sleepStagesShape,
  latency_seconds: nullableNumber.describe('Time to fall asleep.'),
  efficiency: nullableNumber.describe('Percent of time in bed asleep.'),
  average_heart_rate_bpm: nullableNumber,
  lowest_heart_rate_bpm: nullableNumber.describe('Lowest heart rate of the period (resting heart rate).'),
  average_hrv_ms: nullableNumber.describe('Average RMSSD heart rate variability, ms.'),
  average_breath_per_min: nullableNumber,
};

/** Maps a stored sleep period to the shared fields. */
export function sleepPeriodFields(record: StoredRecord) {
  return {
    type: stringField(record, 'type', 'sleep_type'),
    bedtime_start: record.start ?? stringField(record, 'bedtime_start'),
    bedtime_end: record.end ?? stringField(record, 'bedtime_end'),
    total_sleep_seconds: numberField(record, 'total_sleep_seconds', 'total_sleep_duration_seconds', 'total_sleep_duration'),
    time_in_bed_seconds: numberField(record, 'time_in_bed_seconds', 'time_in_bed'),
    deep_sleep_seconds: numberField(record, 'deep_sleep_seconds', 'deep_sleep_duration_seconds', 'deep_sleep_duration'),
    rem_sleep_seconds: numberField(record, 'rem_sleep_seconds', 'rem_sleep_duration_seconds', 'rem_sleep_duration'),
    light_sleep_seconds: numberField(record, 'light_sleep_seconds', 'light_sleep_duration_seconds', 'light_sleep_duration'),
    awake_seconds: numberField(record, 'awake_seconds', 'awake_time_seconds', 'awake_time'),
    latency_seconds: numberField(record, 'latency_seconds', 'latency'),
    efficiency: numberField(record, 'efficiency_pct', 'efficiency'),
    average_heart_rate_bpm: numberField(record, 'average_heart_rate_bpm', 'average_heart_rate'),
    lowest_heart_rate_bpm: numberField(record, 'lowest_heart_rate_bpm', 'lowest_heart_rate'),
    average_hrv_ms: numberField(record, 'average_hrv_ms', 'average_hrv'),
    average_breath_per_min: numberField(record, 'average_breath_per_min', 'average_breath'),
  };
}

/** The main sleep period of each day: Oura's `long_sleep`, else the longest period. */
export function mainPeriodByDay(periods: readonly StoredRecord[]): Map<string, StoredRecord> {
  const byDay = new Map<string, StoredRecord>();
  const rank = (record: StoredRecord): number =>
    (stringField(record, 'type', 'sleep_type') === 'long_sleep' ? 1e9 : 0) +
    (numberField(record, 'total_sleep_seconds', 'total_sleep_duration_seconds', 'total_sleep_duration') ?? 0);
  for (const period of periods) {
    if (!period.day) continue;
    const current = byDay.get(period.day);
    if (!current || rank(period) > rank(current)) byDay.set(period.day, period);
  }
  return byDay;
}
