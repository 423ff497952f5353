/**
 * Pure normalizers for Oura's time-span documents: workouts, sessions, tags, rest mode. Sample
 * arrays (session heart rate / HRV / motion) stay in `raw`; `data` keeps their means.
 */
import type { z } from 'zod';
import type { enhancedTagSchema, restModePeriodSchema, sessionSchema, tagSchema, workoutSchema } from './schema.js';
import type { KindCore } from '../../core/records/record.js';
import { durationSeconds, meanOf, orNull, spanCore } from './normalize-common.js';

/** `workout` → activity, intensity, calories (kcal), distance (m), duration. */
export function normalizeWorkout(workout: z.infer<typeof workoutSchema>): KindCore<'workout'> {
  return spanCore('workout', workout, { day: workout.day, start: workout.start_datetime, end: workout.end_datetime }, {
    activity: orNull(workout.activity),
    intensity: orNull(workout.intensity),
    source: orNull(workout.source),
    label: orNull(workout.label),
    calories: orNull(workout.calories),
    distance_m: orNull(workout.distance),
    duration_seconds: durationSeconds(workout.start_datetime, workout.end_datetime),
  });
}

/** `session` → type, mood, duration and mean heart rate / HRV of the session. */
export function normalizeSession(session: z.infer<typeof sessionSchema>): KindCore<'session'> {
  return spanCore('session', session, { day: session.day, start: session.start_datetime, end: session.end_datetime }, {
    session_type: orNull(session.type),
    mood: orNull(session.mood),
    duration_seconds: durationSeconds(session.start_datetime, session.end_datetime),
    average_heart_rate_bpm: meanOf(session.heart_rate?.items),
    average_hrv_ms: meanOf(session.heart_rate_variability?.items),
  });
}

/** `tag` (legacy) → note text and tag names at one instant. */
export function normalizeTag(tag: z.infer<typeof tagSchema>): KindCore<'annotation'> {
  const at = orNull(tag.timestamp);
  return spanCore('annotation', tag, { day: tag.day, start: at, end: null }, {
    text: orNull(tag.text),
    tags: tag.tags ?? [],
  });
}

/** `enhanced_tag` → tag type, custom name, comment; spans start_time..end_time when it has a duration. */
export function normalizeEnhancedTag(tag: z.infer<typeof enhancedTagSchema>): KindCore<'annotation'> {
  const end = orNull(tag.end_time);
  return spanCore('annotation', tag, { day: tag.start_day, start: tag.start_time, end }, {
    tag_type_code: orNull(tag.tag_type_code),
    custom_name: orNull(tag.custom_name),
    comment: orNull(tag.comment),
    end_day: orNull(tag.end_day),
    duration_seconds: durationSeconds(tag.start_time, end),
  });
}

/** `rest_mode_period` → start/end of rest mode and its episode count. */
export function normalizeRestModePeriod(period: z.infer<typeof restModePeriodSchema>): KindCore<'annotation'> {
  const start = orNull(period.start_time);
  const end = orNull(period.end_time);
  return spanCore('annotation', period, { day: period.start_day, start, end }, {
    end_day: orNull(period.end_day),
    episode_count: period.episodes?.length ?? 0,
    duration_seconds: durationSeconds(start, end),
  });
}
