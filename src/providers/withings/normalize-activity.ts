/**
 * `v2/measure getactivity` (one record per local day), `getworkouts` (one per workout) and
 * `getintradayactivity` (samples). Durations in seconds, energy in kcal, distances in metres.
 */
import type { Sample } from '../../core/types.js';
import { isoFromEpoch, numberOrNull, orNull, withingsRecord, type Normalized } from './normalize-common.js';
import { activitySchema, workoutSchema } from './schema.js';
import { WORKOUT_CATEGORIES } from './workout-categories.js';
import { localTime, offsetOnDay } from './timezone.js';

/** `getactivity` day → steps, distance, floors, calories, time per intensity, heart rate. */
export function normalizeActivity(document: unknown): Normalized<'activity_day'> {
  const parsed = activitySchema.safeParse(document);
  if (!parsed.success) return null;
  const activity = parsed.data;
  const value = (key: string) => numberOrNull((activity as Record<string, unknown>)[key]);
  return withingsRecord('activity', 'activity_day', {
    id: activity.date,
    day: activity.date,
    start: null,
    end: null,
    tzOffset: offsetOnDay(activity.date, activity.timezone),
    updatedAt: isoFromEpoch(activity.modified),
    data: {
      steps: value('steps'),
      distance_m: value('distance'),
      floors_climbed: value('elevation'),
      active_calories: value('calories'),
      total_calories: value('totalcalories'),
      soft_activity_seconds: value('soft'),
      moderate_activity_seconds: value('moderate'),
      intense_activity_seconds: value('intense'),
      active_seconds: value('active'),
      average_heart_rate_bpm: value('hr_average'),
      min_heart_rate_bpm: value('hr_min'),
      max_heart_rate_bpm: value('hr_max'),
      hr_zone_light_seconds: value('hr_zone_0'),
      hr_zone_moderate_seconds: value('hr_zone_1'),
      hr_zone_intense_seconds: value('hr_zone_2'),
      hr_zone_max_seconds: value('hr_zone_3'),
      device_model: orNull(activity.model),
      is_tracker: orNull(activity.is_tracker),
      timezone: orNull(activity.timezone),
    },
    raw: document,
  });
}

/** `getworkouts` item → category, span, calories, distance, heart rate and zones. */
export function normalizeWorkout(document: unknown): Normalized<'workout'> {
  const parsed = workoutSchema.safeParse(document);
  if (!parsed.success) return null;
  const workout = parsed.data;
  const start = localTime(workout.startdate, workout.timezone);
  const end = localTime(workout.enddate, workout.timezone);
  const data = workout.data ?? {};
  const value = (key: string) => numberOrNull(data[key]);
  const category = typeof workout.category === 'number' ? workout.category : null;
  return withingsRecord('workouts', 'workout', {
    id: String(workout.id ?? `${workout.startdate}-${category ?? 'x'}`),
    day: workout.date ?? start.day,
    start: start.iso,
    end: end.iso,
    tzOffset: start.known ? start.offset : null,
    updatedAt: isoFromEpoch(workout.modified),
    data: {
      category,
      activity: category === null ? null : (WORKOUT_CATEGORIES[category] ?? `category_${category}`),
      duration_seconds: workout.enddate - workout.startdate,
      active_calories: value('manual_calories') ?? value('calories'),
      distance_m: value('manual_distance') ?? value('distance'),
      steps: value('steps'),
      floors_climbed: value('elevation'),
      intensity: value('manual_intensity') ?? value('intensity'),
      average_heart_rate_bpm: value('hr_average'),
      min_heart_rate_bpm: value('hr_min'),
      max_heart_rate_bpm: value('hr_max'),
      hr_zone_light_seconds: value('hr_zone_0'),
      hr_zone_moderate_seconds: value('hr_zone_1'),
      hr_zone_intense_seconds: value('hr_zone_2'),
      hr_zone_max_seconds: value('hr_zone_3'),
      pause_seconds: value('pause_duration'),
      spo2_average_pct: value('spo2_average'),
      manual: workout.attrib === 2,
    },
    raw: document,
  });
}

/** Intraday fields stored as samples, by series name. */
export const INTRADAY_SERIES: Readonly<Record<string, string>> = { steps: 'steps', heart_rate: 'heart_rate' };

/**
 * `getintradayactivity` `series` (`{ "<epoch>": { steps, heart_rate, ... } }`) → samples of one
 * field. Entries without that field are skipped (each entry carries only what was measured).
 */
export function normalizeIntraday(series: unknown, field: string): { samples: Sample[]; invalid: number } {
  const samples: Sample[] = [];
  let invalid = 0;
  if (series === null || typeof series !== 'object' || Array.isArray(series)) return { samples, invalid: series ? 1 : 0 };
  for (const [epoch, entry] of Object.entries(series as Record<string, unknown>)) {
    const seconds = Number(epoch);
    if (!Number.isFinite(seconds) || entry === null || typeof entry !== 'object') {
      invalid++;
      continue;
    }
    const value = numberOrNull((entry as Record<string, unknown>)[field]);
    if (value === null) continue;
    const model = (entry as Record<string, unknown>).model;
    samples.push({ provider: 'withings', series: INTRADAY_SERIES[field] ?? field, ts: seconds * 1000, value, source: typeof model === 'string' ? model : null });
  }
  samples.sort((a, b) => a.ts - b.ts);
  return { samples, invalid };
}
