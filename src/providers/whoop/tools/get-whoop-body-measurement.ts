/** `get_whoop_body_measurement`: height, weight and WHOOP's max heart rate. */
import { z } from 'zod';
import { defineWhoopSnapshotTool } from './snapshot-tool.js';
import { WHOOP } from './whoop-common.js';

export const getWhoopBodyMeasurement = defineWhoopSnapshotTool({
  name: 'get_whoop_body_measurement',
  title: 'WHOOP body measurement',
  description: 'The latest WHOOP body measurement: height (m), weight (kg) and the max heart rate WHOOP computed (bpm).',
  resource: WHOOP.bodyMeasurement,
  field: 'body_measurement',
  row: z.object({ source: z.literal('whoop'), height_m: z.number().nullable(), weight_kg: z.number().nullable(), max_heart_rate_bpm: z.number().nullable() }),
  toRow: (record) => ({
    source: 'whoop' as const,
    height_m: record.data.height_m ?? null,
    weight_kg: record.data.weight_kg ?? null,
    max_heart_rate_bpm: record.data.max_heart_rate_bpm ?? null,
  }),
});
