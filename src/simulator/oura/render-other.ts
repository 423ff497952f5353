/** Event-like Oura documents: workout, session, tags, rest mode, ring configuration, personal info, heart rate. */
import type {
  HeartRateSample,
  PersonProfile,
  PlannedEvents,
  RingTruth,
  SessionTruth,
  TagTruth,
  WorkoutTruth,
} from '../person/types.js';
import { localDay, localIso, utcIso } from '../time.js';
import { sample, withMeta } from './render-common.js';
import type { OuraShape, RenderContext } from './types.js';

/** A `workout` document (keys in the recorded sample's order). */
export function renderWorkout(id: string, w: WorkoutTruth, ctx: RenderContext): Record<string, unknown> {
  return withMeta('workout', id, ctx, {
    activity: w.activity,
    calories: w.caloriesKcal,
    day: w.day,
    // The ring does not know distances of auto-detected walks (the recorded walk has `null`).
    distance: w.source === 'autodetected' ? null : w.distanceMeters,
    end_datetime: localIso(w.endMs, w.offsetMinutes),
    intensity: w.intensity,
    label: w.label,
    source: w.source,
    start_datetime: localIso(w.startMs, w.offsetMinutes),
  });
}

/** A `session` document with 5-second samples. */
export function renderSession(id: string, s: SessionTruth, ctx: RenderContext): Record<string, unknown> {
  return withMeta('session', id, ctx, {
    day: s.day,
    start_datetime: localIso(s.startMs, s.offsetMinutes),
    end_datetime: localIso(s.endMs, s.offsetMinutes),
    type: s.type,
    heart_rate: s.heartRate5s ? sample(5, s.heartRate5s, s.startMs, s.offsetMinutes) : null,
    heart_rate_variability: s.hrv5s ? sample(5, s.hrv5s, s.startMs, s.offsetMinutes) : null,
    mood: s.mood,
    motion_count: sample(5, s.motion5s, s.startMs, s.offsetMinutes),
  });
}

/** An `enhanced_tag` document (no `meta` in the 1.29 schema). */
export function renderEnhancedTag(id: string, t: TagTruth, ctx: RenderContext): Record<string, unknown> {
  return withMeta('enhanced_tag', id, ctx, {
    tag_type_code: t.code,
    start_time: localIso(t.startMs, t.offsetMinutes),
    end_time: t.endMs === null ? null : localIso(t.endMs, t.offsetMinutes),
    start_day: localDay(t.startMs, t.offsetMinutes),
    end_day: t.endMs === null ? null : localDay(t.endMs, t.offsetMinutes),
    comment: t.comment,
    custom_name: t.customName,
  });
}

/** A legacy `tag` document (TagModel) for the same tag. */
export function renderTag(id: string, t: TagTruth, ctx: RenderContext): Record<string, unknown> {
  return withMeta('tag', id, ctx, {
    day: localDay(t.startMs, t.offsetMinutes),
    text: t.comment === '' ? null : t.comment,
    timestamp: localIso(t.startMs, t.offsetMinutes),
    tags: [t.code === 'custom' ? (t.customName ?? 'custom') : t.code],
  });
}

/** The `rest_mode_period` document of the planted rest-mode episode. */
export function renderRestMode(id: string, rest: PlannedEvents['restMode'], ctx: RenderContext): Record<string, unknown> {
  const ended = ctx.nowMs >= rest.endMs;
  return withMeta('rest_mode_period', id, ctx, {
    end_day: ended ? rest.end : null,
    end_time: ended ? localIso(rest.endMs, rest.offsetMinutes) : null,
    episodes: [{ tags: ['tag_generic_fever'], timestamp: localIso(rest.startMs + 3_600_000, rest.offsetMinutes) }],
    start_day: rest.start,
    start_time: localIso(rest.startMs, rest.offsetMinutes),
  });
}

/** A `ring_configuration` document; `set_up_at` is a UTC timestamp (`+00:00`). */
export function renderRing(id: string, ring: RingTruth, ctx: RenderContext): Record<string, unknown> {
  return withMeta('ring_configuration', id, ctx, {
    color: ring.color,
    design: ring.design,
    firmware_version: ring.firmwareVersion,
    hardware_type: ring.hardwareType,
    set_up_at: ring.setUpAtMs === null ? null : utcIso(ring.setUpAtMs),
    size: ring.size,
  });
}

/** The single `personal_info` document. */
export function renderPersonalInfo(profile: PersonProfile): Record<string, unknown> {
  return {
    id: profile.id,
    age: profile.age,
    weight: profile.weightKg,
    height: profile.heightM,
    biological_sex: profile.biologicalSex,
    email: profile.email,
  };
}

/** One heart-rate row; UTC timestamp with `+00:00` as recorded, plus `timestamp_unix` (ms) in 1.29. */
export function renderHeartRate(s: HeartRateSample, shape: OuraShape): Record<string, unknown> {
  const row: Record<string, unknown> = { bpm: s.bpm, source: s.source, timestamp: utcIso(s.ms) };
  if (shape === 'v1.29') row.timestamp_unix = s.ms;
  return row;
}
