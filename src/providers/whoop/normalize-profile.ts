/** Pure normalizers of the WHOOP snapshots: basic profile and body measurement. */
import type { z } from 'zod';
import type { bodyMeasurementSchema, profileSchema } from './schema.js';
import { orNull } from './normalize-common.js';
import type { ProfileData } from '../../core/records/profile.js';
import type { KindCore } from './record-core.js';

/** Fixed record ids of the snapshots (WHOOP's user id is never stored in `data` or shown). */
export const PROFILE_ID = 'profile';
export const BODY_MEASUREMENT_ID = 'body_measurement';

function snapshotCore(id: string, data: ProfileData): KindCore<'profile'> {
  return { kind: 'profile', id, day: null, start: null, end: null, tzOffset: null, updatedAt: null, data };
}

/** `profile/basic` → name and email (the user id stays only in `raw`). */
export function normalizeProfile(profile: z.infer<typeof profileSchema>): KindCore<'profile'> {
  return snapshotCore(PROFILE_ID, {
    first_name: orNull(profile.first_name),
    last_name: orNull(profile.last_name),
    email: orNull(profile.email),
  });
}

/** `measurement/body` → height (m), weight (kg), WHOOP's max heart rate (bpm). */
export function normalizeBodyMeasurement(body: z.infer<typeof bodyMeasurementSchema>): KindCore<'profile'> {
  return snapshotCore(BODY_MEASUREMENT_ID, {
    // Kept as sent (1.7018 m, 65.744 kg in shared/specs/recorded/whoop/unresolved_provenance/
    // user_measurement_body_1.json): rounding here would lose what the scale measured.
    height_m: positiveOrNull(body.height_meter),
    // An account without a weight answers 0.0 (noted in the same recorded file): no weight, not 0 kg.
    weight_kg: positiveOrNull(body.weight_kilogram),
    max_heart_rate_bpm: orNull(body.max_heart_rate),
  });
}

function positiveOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}
