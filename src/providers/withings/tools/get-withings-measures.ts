/**
 * `get_withings_measures`: body measures (weight, body composition, blood pressure, heart pulse,
 * SpO2, temperature, VO2 max, ECG intervals, ...) decoded with units, real measures and goals
 * told apart, each with its attribution (device, ambiguous, manual).
 */
import { z } from 'zod';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { readDayRecords, readMeta } from '../../../mcp/tools/shared/cached-read.js';
import { dateRangeShape, resolveDayRange } from '../../../mcp/tools/shared/day-range.js';
import { readMetaShape } from '../../../mcp/tools/shared/schemas.js';
import { WITHINGS, WITHINGS_READ_HINTS, rowBase, rowBaseShape, str } from './withings-common.js';

const GROUPS: Record<string, readonly string[]> = {
  weight: ['weight_kg'],
  body_composition: ['weight_kg', 'fat_ratio_pct', 'fat_mass_kg', 'fat_free_mass_kg', 'muscle_mass_kg', 'hydration_kg', 'bone_mass_kg', 'visceral_fat_index'],
  blood_pressure: ['systolic_mmhg', 'diastolic_mmhg'],
  heart: ['heart_rate_bpm', 'pulse_wave_velocity_m_s', 'afib_ecg_result', 'qrs_interval_ms', 'pr_interval_ms', 'qt_interval_ms', 'qtc_interval_ms', 'vascular_age_years'],
  vitals: ['spo2_pct', 'temperature_c', 'body_temperature_c', 'skin_temperature_c', 'vo2_max_ml_kg_min'],
};

const measureSchema = z.object({
  type: z.number().int().describe('Withings meastype.'),
  key: z.string().describe('Canonical field, e.g. weight_kg.'),
  label: z.string(),
  value: z.number(),
  unit: z.string().nullable(),
  classification: z.string().optional(),
  position: z.string().optional(),
});

const groupSchema = z.object({
  ...rowBaseShape,
  measured_at: z.string().nullable().describe('Local time with offset.'),
  category: z.enum(['measurement', 'goal']).describe('goal = a user objective (category 2), not a measurement.'),
  attribution: z.string().describe('device, ambiguous (may be another person on the scale) or manual.'),
  device_model: z.string().nullable(),
  measures: z.array(measureSchema),
});

export const getWithingsMeasures = defineTool({
  name: 'get_withings_measures',
  title: 'Withings body measures',
  description:
    'Withings measures in a local day range, with units: weight and body composition, blood pressure, pulse, SpO2, temperatures, VO2 max, ECG intervals, AFib. Each group says measurement or goal and its attribution (device, ambiguous, manual). Filter with `kind`.',
  toolset: 'withings',
  provider: 'withings',
  annotations: WITHINGS_READ_HINTS,
  input: z.object({
    ...dateRangeShape,
    kind: z
      .enum(['all', 'weight', 'body_composition', 'blood_pressure', 'heart', 'vitals'])
      .optional()
      .describe('Only groups with measures of this kind (default all).'),
    include_goals: z.boolean().optional().describe('Include goals/objectives (category 2). Default true.'),
    include_ambiguous: z.boolean().optional().describe('Include ambiguous attributions (possibly another person). Default true.'),
  }),
  output: z.object({ ...readMetaShape, groups: z.array(groupSchema) }),
  budgetBytes: 12_000,
  truncationHint: 'Narrow the date range or pass kind (weight, blood_pressure, ...).',
  keyParameters: ['start_date', 'end_date', 'kind'],
  async handle(input, context) {
    const range = resolveDayRange(input, context.app.now());
    const { records, note } = await readDayRecords(context, { provider: 'withings', resource: WITHINGS.measures, kind: 'body_measure', range, fresh: input.fresh ?? false });
    const wanted = input.kind && input.kind !== 'all' ? new Set(GROUPS[input.kind]) : null;
    const groups = records
      .filter((record) => input.include_goals !== false || record.data.category !== 'goal')
      .filter((record) => input.include_ambiguous !== false || record.data.attribution !== 'ambiguous')
      .map((record) => {
        // Every Withings measure has its meastype.
        const all = record.data.measures.filter((measure): measure is z.infer<typeof measureSchema> => measure.type !== undefined);
        return {
          ...rowBase(record),
          measured_at: record.start,
          category: record.data.category === 'goal' ? ('goal' as const) : ('measurement' as const),
          attribution: str(record, 'attribution') ?? 'unknown',
          device_model: str(record, 'device_model'),
          measures: wanted ? all.filter((measure) => wanted.has(measure.key)) : all,
        };
      })
      .filter((group) => group.measures.length > 0);
    return { ...readMeta(range, note, records), groups };
  },
});
