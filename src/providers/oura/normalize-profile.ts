/** Pure normalizers for Oura's snapshot documents (no time axis) and heart rate rows. */
import type { z } from 'zod';
import type { Sample } from '../../core/types.js';
import type { heartRateRowSchema, personalInfoSchema, ringConfigurationSchema } from './schema.js';
import type { KindCore } from '../../core/records/record.js';
import { orNull, updatedAtOf } from './normalize-common.js';

/** The fixed record id of the profile snapshot (Oura's id is the user id, which we never expose). */
export const PERSONAL_INFO_ID = 'personal_info';

/**
 * `personal_info` → age (years), weight (kg), height (m), biological sex. The e-mail and the
 * user id are left out of `data` (they stay only in `raw`, which tools do not print).
 */
export function normalizePersonalInfo(info: z.infer<typeof personalInfoSchema>): KindCore<'profile'> {
  return {
    kind: 'profile',
    id: PERSONAL_INFO_ID,
    day: null,
    start: null,
    end: null,
    tzOffset: null,
    updatedAt: null,
    data: {
      age_years: orNull(info.age),
      weight_kg: orNull(info.weight),
      height_m: orNull(info.height),
      biological_sex: orNull(info.biological_sex),
    },
  };
}

/** `ring_configuration` → ring hardware, size, design, firmware. */
export function normalizeRingConfiguration(ring: z.infer<typeof ringConfigurationSchema>): KindCore<'device'> {
  return {
    kind: 'device',
    id: ring.id,
    day: null,
    start: null,
    end: null,
    tzOffset: null,
    updatedAt: updatedAtOf(ring),
    data: {
      hardware_type: orNull(ring.hardware_type),
      color: orNull(ring.color),
      design: orNull(ring.design),
      size: orNull(ring.size),
      firmware_version: orNull(ring.firmware_version),
      set_up_at: orNull(ring.set_up_at),
    },
  };
}

/**
 * One heart rate row → a `heart_rate` sample (epoch ms, bpm, Oura's source tag). Null when the
 * timestamp cannot be read (the caller counts it).
 */
export function normalizeHeartRateRow(row: z.infer<typeof heartRateRowSchema>): Sample | null {
  // The ISO timestamp is always present; `timestamp_unix` (ms, per the spec) is only a fallback.
  const parsed = Date.parse(row.timestamp);
  const ts = Number.isFinite(parsed) ? parsed : (row.timestamp_unix ?? Number.NaN);
  if (!Number.isFinite(ts)) return null;
  return { provider: 'oura', series: 'heart_rate', ts, value: row.bpm, source: orNull(row.source) };
}
