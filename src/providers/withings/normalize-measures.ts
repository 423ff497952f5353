/**
 * `measure getmeas` groups → one record per group. Every measure is decoded (`value × 10^unit`)
 * into its canonical field and listed with its label and unit; real measures (category 1) and
 * user objectives (category 2) are told apart, and the group's attribution (device, ambiguous,
 * manual) is kept.
 */
import { z } from 'zod';
import { AFIB_CLASSIFICATIONS, ATTRIBUTIONS, POSITIONS, decodeValue, measureType } from './measure-types.js';
import { isoFromEpoch, orNull, withingsRecord, type Normalized } from './normalize-common.js';
import { measureGroupSchema, measureSchema } from './schema.js';
import { localTime } from './timezone.js';

/** One decoded measure as tools show it. */
export interface DecodedMeasure {
  type: number;
  key: string;
  label: string;
  value: number;
  unit: string | null;
  /** Label of a classification code (AFib results). */
  classification?: string;
  /** Body segment or placement (`left_arm`, ...). */
  position?: string;
}

/** Decodes one raw measure; unknown types keep their number under `meastype_<n>`. */
export function decodeMeasure(measure: z.infer<typeof measureSchema>): DecodedMeasure {
  const entry = measureType(measure.type);
  const si = decodeValue(measure.value, measure.unit);
  const value = entry?.scale ? Number((si * entry.scale).toFixed(6)) : si;
  const position = typeof measure.position === 'number' ? (POSITIONS[measure.position] ?? `position_${measure.position}`) : undefined;
  return {
    type: measure.type,
    key: entry?.key ?? `meastype_${measure.type}`,
    label: entry?.label ?? `Measure type ${measure.type}`,
    value,
    unit: entry?.unit ?? null,
    ...(entry?.classification ? { classification: AFIB_CLASSIFICATIONS[value] ?? 'unknown' } : {}),
    ...(position !== undefined ? { position } : {}),
  };
}

/** Flat canonical fields of a group: `{ weight_kg: 72.3, muscle_mass_segments_kg: { left_arm: 3.1 } }`. */
function canonicalFields(measures: readonly DecodedMeasure[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const measure of measures) {
    if (measureType(measure.type)?.segmented) {
      const segments = (fields[measure.key] as Record<string, number> | undefined) ?? {};
      segments[measure.position ?? 'whole_body'] = measure.value;
      fields[measure.key] = segments;
    } else {
      fields[measure.key] = measure.value;
      if (measure.classification) fields[`${measure.key}_label`] = measure.classification;
    }
  }
  return fields;
}

/** Normalizes one measure group; `timezone` is the response's (groups carry none of their own). */
export function normalizeMeasureGroup(group: unknown, timezone: string | null | undefined): Normalized {
  const parsed = measureGroupSchema.safeParse(group);
  if (!parsed.success) return null;
  const document = parsed.data;
  const local = localTime(document.date, document.timezone ?? timezone);
  const measures = document.measures.map(decodeMeasure);
  const attribution = typeof document.attrib === 'number' ? ATTRIBUTIONS[document.attrib] : undefined;
  return withingsRecord('measures', {
    id: String(document.grpid),
    day: local.day,
    start: local.iso,
    end: null,
    tzOffset: local.known ? local.offset : null,
    updatedAt: isoFromEpoch(document.modified),
    data: {
      category: document.category === 2 ? 'goal' : 'measurement',
      attribution: attribution?.source ?? 'unknown',
      attribution_detail: attribution?.label ?? (document.attrib === null || document.attrib === undefined ? 'unknown' : `attrib_${document.attrib}`),
      device_model: orNull(document.model),
      device_model_id: orNull(document.modelid ?? document.model_id),
      comment: orNull(document.comment),
      ...canonicalFields(measures),
      measures,
    },
    raw: group,
  });
}
