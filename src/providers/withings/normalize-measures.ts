/**
 * `measure getmeas` groups → one record per group. Every measure is decoded (`value × 10^unit`)
 * into its canonical field and listed with its label and unit; real measures (category 1) and
 * user objectives (category 2) are told apart, and the group's attribution (device, ambiguous,
 * manual) is kept.
 */
import { z } from 'zod';
import {
  BODY_SEGMENT_FIELDS,
  type BodyMeasureData,
  type BodyMeasureEntry,
  type BodyMeasureField,
  type BodyMeasureLabelField,
  type BodySegmentField,
} from '../../core/records/body-measure.js';
import { AFIB_CLASSIFICATIONS, ATTRIBUTIONS, POSITIONS, decodeValue, measureType } from './measure-types.js';
import { isoFromEpoch, orNull, withingsRecord, type Normalized } from './normalize-common.js';
import { measureGroupSchema, measureSchema } from './schema.js';
import { localTime } from './timezone.js';

/** One decoded measure as tools show it (the canonical `body_measure` entry). */
export type DecodedMeasure = BodyMeasureEntry & { type: number };

/** The measure fields of a `body_measure` record (everything but the group's description). */
type MeasureFields = Omit<BodyMeasureData, 'category' | 'attribution' | 'attribution_detail' | 'device_model' | 'device_model_id' | 'comment' | 'measures'>;

/** The field carrying the label of a classification result. */
const LABEL_FIELDS: Partial<Record<BodyMeasureField, BodyMeasureLabelField>> = {
  afib_ecg_result: 'afib_ecg_result_label',
  afib_ppg_result: 'afib_ppg_result_label',
};

function isSegmentField(key: string): key is BodySegmentField {
  return (BODY_SEGMENT_FIELDS as readonly string[]).includes(key);
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
function canonicalFields(measures: readonly DecodedMeasure[]): MeasureFields {
  const fields: MeasureFields = {};
  for (const measure of measures) {
    const key = measureType(measure.type)?.key;
    if (key === undefined) {
      fields[`meastype_${measure.type}`] = measure.value;
    } else if (isSegmentField(key)) {
      fields[key] = { ...fields[key], [measure.position ?? 'whole_body']: measure.value };
    } else {
      fields[key] = measure.value;
      const labelField = LABEL_FIELDS[key];
      if (labelField && measure.classification) fields[labelField] = measure.classification;
    }
  }
  return fields;
}

/** Normalizes one measure group; `timezone` is the response's (groups carry none of their own). */
export function normalizeMeasureGroup(group: unknown, timezone: string | null | undefined): Normalized<'body_measure'> {
  const parsed = measureGroupSchema.safeParse(group);
  if (!parsed.success) return null;
  const document = parsed.data;
  const local = localTime(document.date, document.timezone ?? timezone);
  const measures = document.measures.map(decodeMeasure);
  const attribution = typeof document.attrib === 'number' ? ATTRIBUTIONS[document.attrib] : undefined;
  return withingsRecord('measures', 'body_measure', {
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
