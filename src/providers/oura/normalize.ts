/**
 * The pure normalize step for Oura: one raw document → one `NormalizedRecord`, one heart rate
 * row → one `Sample`. A document that fails its schema is never dropped and never crashes a sync:
 * the offending fields are left out of `data` (named in `schema_mismatch_fields`), `raw` keeps
 * everything, and the caller counts it.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { WearablesError } from '../../core/errors.js';
import { completeRecord, unreadableCore, withSchemaMismatch } from '../../core/records/record-build.js';
import type { NormalizedRecord, Sample } from '../../core/types.js';
import { DAY_PATTERN } from '../../core/time/days.js';
import {
  dailyActivitySchema,
  dailyCardiovascularAgeSchema,
  dailyReadinessSchema,
  dailyResilienceSchema,
  dailySleepSchema,
  dailySpo2Schema,
  dailyStressSchema,
  enhancedTagSchema,
  heartRateRowSchema,
  personalInfoSchema,
  restModePeriodSchema,
  ringConfigurationSchema,
  sessionSchema,
  sleepSchema,
  sleepTimeSchema,
  tagSchema,
  vo2MaxSchema,
  workoutSchema,
} from './schema.js';
import type { RecordCore } from './normalize-common.js';
import { normalizeDailySleep, normalizeSleep, normalizeSleepTime } from './normalize-sleep.js';
import {
  normalizeDailyActivity,
  normalizeDailyCardiovascularAge,
  normalizeDailyReadiness,
  normalizeDailyResilience,
  normalizeDailySpo2,
  normalizeDailyStress,
  normalizeVo2Max,
} from './normalize-daily.js';
import {
  normalizeEnhancedTag,
  normalizeRestModePeriod,
  normalizeSession,
  normalizeTag,
  normalizeWorkout,
} from './normalize-events.js';
import { normalizeHeartRateRow, normalizePersonalInfo, normalizeRingConfiguration } from './normalize-profile.js';

interface DocumentNormalizer {
  schema: z.ZodType;
  normalize(document: unknown): RecordCore;
}

function define<S extends z.ZodType>(schema: S, normalize: (document: z.infer<S>) => RecordCore): DocumentNormalizer {
  return { schema, normalize: normalize as (document: unknown) => RecordCore };
}

const NORMALIZERS: Record<string, DocumentNormalizer> = {
  personal_info: define(personalInfoSchema, normalizePersonalInfo),
  daily_sleep: define(dailySleepSchema, normalizeDailySleep),
  sleep: define(sleepSchema, normalizeSleep),
  sleep_time: define(sleepTimeSchema, normalizeSleepTime),
  daily_readiness: define(dailyReadinessSchema, normalizeDailyReadiness),
  daily_activity: define(dailyActivitySchema, normalizeDailyActivity),
  daily_stress: define(dailyStressSchema, normalizeDailyStress),
  daily_resilience: define(dailyResilienceSchema, normalizeDailyResilience),
  daily_spo2: define(dailySpo2Schema, normalizeDailySpo2),
  daily_cardiovascular_age: define(dailyCardiovascularAgeSchema, normalizeDailyCardiovascularAge),
  vo2_max: define(vo2MaxSchema, normalizeVo2Max),
  workout: define(workoutSchema, normalizeWorkout),
  session: define(sessionSchema, normalizeSession),
  tag: define(tagSchema, normalizeTag),
  enhanced_tag: define(enhancedTagSchema, normalizeEnhancedTag),
  rest_mode_period: define(restModePeriodSchema, normalizeRestModePeriod),
  ring_configuration: define(ringConfigurationSchema, normalizeRingConfiguration),
};

/** The document resources this normalizer knows (every Oura resource except `heartrate`). */
export const OURA_DOCUMENT_RESOURCES: readonly string[] = Object.keys(NORMALIZERS);

export interface NormalizeOutcome {
  record: NormalizedRecord;
  /** False when the document did not match its schema and only a subset was normalized. */
  valid: boolean;
}

/** Normalizes one raw Oura document of `resource`. Never throws for bad documents. */
export function normalizeOuraDocument(resource: string, raw: unknown): NormalizeOutcome {
  const normalizer = NORMALIZERS[resource];
  if (!normalizer) throw new WearablesError('VALIDATION_ERROR', `Oura has no document resource "${resource}".`);
  const build = (core: RecordCore): NormalizedRecord => completeRecord(core, { provider: 'oura', resource, raw });

  const parsed = normalizer.schema.safeParse(raw);
  if (parsed.success) return { record: build(normalizer.normalize(parsed.data)), valid: true };

  // Leave out the fields that failed and normalize the rest.
  const badFields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')))].filter(Boolean);
  if (isObject(raw) && badFields.length > 0) {
    const trimmed = Object.fromEntries(Object.entries(raw).filter(([key]) => !badFields.includes(key)));
    const retry = normalizer.schema.safeParse(trimmed);
    if (retry.success) {
      const core = normalizer.normalize(retry.data);
      return { record: build(withSchemaMismatch(core, badFields)), valid: false };
    }
  }
  return { record: build(identityOnly(raw, badFields)), valid: false };
}

/** The identity of a document too broken to normalize: its id (or day, or a content hash). */
function identityOnly(raw: unknown, badFields: string[]): RecordCore {
  const document = isObject(raw) ? raw : {};
  const dayValue = [document.day, document.start_day].find((value) => typeof value === 'string' && DAY_PATTERN.test(value));
  const day = typeof dayValue === 'string' ? dayValue : null;
  const id =
    typeof document.id === 'string' && document.id.length > 0
      ? document.id
      : (day ?? `sha256:${createHash('sha256').update(JSON.stringify(raw) ?? 'undefined').digest('hex').slice(0, 16)}`);
  return unreadableCore({ id, day, start: null, end: null, tzOffset: null, updatedAt: null }, badFields);
}

export interface HeartRateOutcome {
  samples: Sample[];
  /** Rows that could not be read (no bpm / timestamp); left out. */
  invalid: number;
}

/** Normalizes heart rate rows into `heart_rate` samples. */
export function normalizeOuraHeartRate(rows: readonly unknown[]): HeartRateOutcome {
  const samples: Sample[] = [];
  let invalid = 0;
  for (const row of rows) {
    const parsed = heartRateRowSchema.safeParse(row);
    const sample = parsed.success ? normalizeHeartRateRow(parsed.data) : null;
    if (sample) samples.push(sample);
    else invalid++;
  }
  return { samples, invalid };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
