/**
 * The pure normalize step for WHOOP: one raw record → one `NormalizedRecord` in the flat data
 * model (score wrapper lifted, ms → seconds, kJ → kcal, named stages and zones, every derived field
 * null unless SCORED). A record that fails its schema is never dropped and never crashes a sync:
 * the offending fields are left out (named in `schema_mismatch_fields`), `raw` keeps everything,
 * and the caller counts it.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { WearablesError } from '../../core/errors.js';
import { completeRecord, unreadableCore, withSchemaMismatch } from '../../core/records/record-build.js';
import type { NormalizedRecord } from '../../core/types.js';
import { normalizeSleep, normalizeWorkout } from './normalize-activity.js';
import { normalizeCycle, normalizeRecovery, type RecoveryCycleContext } from './normalize-cycle.js';
import { normalizeBodyMeasurement, normalizeProfile } from './normalize-profile.js';
import type { RecordCore } from './record-core.js';
import { bodyMeasurementSchema, cycleSchema, profileSchema, recoverySchema, sleepSchema, workoutSchema } from './schema.js';

/** What a normalizer may need besides the record itself (a recovery's cycle). */
export interface WhoopNormalizeContext {
  /** Cycle start and offset by cycle id, for recoveries. */
  cycles?: ReadonlyMap<number, RecoveryCycleContext>;
}

interface Normalizer {
  schema: z.ZodType;
  normalize(document: unknown, context: WhoopNormalizeContext): RecordCore;
}

function define<S extends z.ZodType>(schema: S, normalize: (document: z.infer<S>, context: WhoopNormalizeContext) => RecordCore): Normalizer {
  return { schema, normalize: normalize as Normalizer['normalize'] };
}

const NORMALIZERS: Record<string, Normalizer> = {
  profile: define(profileSchema, normalizeProfile),
  body_measurement: define(bodyMeasurementSchema, normalizeBodyMeasurement),
  cycle: define(cycleSchema, normalizeCycle),
  recovery: define(recoverySchema, (recovery, context) => normalizeRecovery(recovery, context.cycles?.get(recovery.cycle_id) ?? null)),
  sleep: define(sleepSchema, normalizeSleep),
  workout: define(workoutSchema, normalizeWorkout),
};

export interface WhoopNormalizeOutcome {
  record: NormalizedRecord;
  /** False when the record did not match its schema and only a subset was normalized. */
  valid: boolean;
}

/** Normalizes one raw WHOOP record of `resource`. Never throws for bad records. */
export function normalizeWhoopDocument(resource: string, raw: unknown, context: WhoopNormalizeContext = {}): WhoopNormalizeOutcome {
  const normalizer = NORMALIZERS[resource];
  if (!normalizer) throw new WearablesError('VALIDATION_ERROR', `WHOOP has no resource "${resource}".`);
  const build = (core: RecordCore): NormalizedRecord => completeRecord(core, { provider: 'whoop', resource, raw });

  const parsed = normalizer.schema.safeParse(raw);
  if (parsed.success) return { record: build(normalizer.normalize(parsed.data, context)), valid: true };

  const badFields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')))].filter(Boolean);
  if (isObject(raw) && badFields.length > 0) {
    const trimmed = Object.fromEntries(Object.entries(raw).filter(([key]) => !badFields.includes(key)));
    const retry = normalizer.schema.safeParse(trimmed);
    if (retry.success) {
      const core = normalizer.normalize(retry.data, context);
      return { record: build(withSchemaMismatch(core, badFields)), valid: false };
    }
  }
  return { record: build(identityOnly(resource, raw, badFields)), valid: false };
}

/** The identity of a record too broken to normalize: its id (cycle id for recoveries) or a content hash. */
function identityOnly(resource: string, raw: unknown, badFields: string[]): RecordCore {
  const document = isObject(raw) ? raw : {};
  const key = resource === 'recovery' ? document.cycle_id : document.id;
  const id =
    (typeof key === 'string' && key.length > 0) || typeof key === 'number'
      ? String(key)
      : `sha256:${createHash('sha256').update(JSON.stringify(raw) ?? 'undefined').digest('hex').slice(0, 16)}`;
  const updatedAt = typeof document.updated_at === 'string' ? document.updated_at : null;
  return unreadableCore({ id, day: null, start: null, end: null, tzOffset: null, updatedAt }, badFields);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
