/**
 * `<Workout>` → a workout record. iOS 16 and later put distance, energy and heart rate in
 * `WorkoutStatistics` children; older exports carry `totalDistance` / `totalEnergyBurned`
 * attributes: both are read, the statistics first.
 */
import type { NormalizedRecord } from '../../core/types.js';
import { parseAppleDate } from './apple-time.js';
import { appleRecord, round, stableId } from './apple-record.js';
import type { Attributes, WorkoutItem } from './export-parser.js';
import { QUANTITY_TYPES, workoutActivityName } from './health-types.js';
import { copiedProvider, stableDevice, type SourceOrigin } from './source-origin.js';

const DURATION_SECONDS: Readonly<Record<string, number>> = { s: 1, min: 60, hr: 3600 };

function numberOf(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Converts `value unit` with the converter of a quantity type (`kcal`, `km` ...). */
function converted(type: string, value: string | undefined, unit: string | undefined): number | null {
  const amount = numberOf(value);
  const spec = QUANTITY_TYPES.get(type);
  if (amount === null || !spec || unit === undefined) return null;
  return spec.convert(amount, unit);
}

interface WorkoutTotals {
  distance_m: number | null;
  active_calories: number | null;
  average_heart_rate_bpm: number | null;
  min_heart_rate_bpm: number | null;
  max_heart_rate_bpm: number | null;
}

function statisticsTotals(statistics: readonly Attributes[]): WorkoutTotals {
  const totals: WorkoutTotals = { distance_m: null, active_calories: null, average_heart_rate_bpm: null, min_heart_rate_bpm: null, max_heart_rate_bpm: null };
  for (const entry of statistics) {
    const type = entry['type'] ?? '';
    const unit = entry['unit'];
    if (type.startsWith('HKQuantityTypeIdentifierDistance')) {
      const metres = converted('HKQuantityTypeIdentifierDistanceWalkingRunning', entry['sum'], unit);
      if (metres !== null) totals.distance_m = (totals.distance_m ?? 0) + metres;
    } else if (type === 'HKQuantityTypeIdentifierActiveEnergyBurned') {
      totals.active_calories = converted(type, entry['sum'], unit);
    } else if (type === 'HKQuantityTypeIdentifierHeartRate') {
      totals.average_heart_rate_bpm = converted(type, entry['average'], unit);
      totals.min_heart_rate_bpm = converted(type, entry['minimum'], unit);
      totals.max_heart_rate_bpm = converted(type, entry['maximum'], unit);
    }
  }
  return totals;
}

const rounded = (value: number | null, decimals = 1): number | null => (value === null ? null : round(value, decimals));

/** Normalizes one workout; null when its dates cannot be read. */
export function workoutRecord(item: WorkoutItem, origin: SourceOrigin): NormalizedRecord | null {
  const attributes = item.attributes;
  const start = parseAppleDate(attributes['startDate']);
  const end = parseAppleDate(attributes['endDate']);
  if (!start || !end) return null;
  const duration = numberOf(attributes['duration']);
  const unitSeconds = DURATION_SECONDS[attributes['durationUnit'] ?? 'min'];
  const totals = statisticsTotals(item.statistics);
  const distance = totals.distance_m ?? converted('HKQuantityTypeIdentifierDistanceWalkingRunning', attributes['totalDistance'], attributes['totalDistanceUnit']);
  const energy = converted('HKQuantityTypeIdentifierActiveEnergyBurned', attributes['totalEnergyBurned'], attributes['totalEnergyBurnedUnit']);
  const type = attributes['workoutActivityType'];
  return appleRecord(copiedProvider(origin) ? 'copied_workouts' : 'workouts', 'workout', {
    id: stableId('workout', type, attributes['sourceName'], start.iso, end.iso),
    day: start.day,
    start: start.iso,
    end: end.iso,
    tzOffset: start.offset,
    data: {
      activity: workoutActivityName(type),
      duration_seconds: duration !== null && unitSeconds !== undefined ? round(duration * unitSeconds, 0) : round((end.ms - start.ms) / 1000, 0),
      calories: rounded(energy ?? totals.active_calories),
      active_calories: rounded(totals.active_calories ?? energy),
      distance_m: rounded(distance),
      average_heart_rate_bpm: rounded(totals.average_heart_rate_bpm),
      min_heart_rate_bpm: rounded(totals.min_heart_rate_bpm),
      max_heart_rate_bpm: rounded(totals.max_heart_rate_bpm),
      manual: item.metadata?.['HKWasUserEntered'] === '1',
    },
    raw: { source_name: attributes['sourceName'] ?? null, origin, attributes: { ...attributes, device: stableDevice(attributes['device']) }, statistics: item.statistics, metadata: item.metadata },
  });
}
