/** `get_whoop_body_measurement`: height, weight and WHOOP's max heart rate. */
import { z } from 'zod';
import { dataNumber, defineWhoopSnapshotTool } from './snapshot-tool.js';
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
    height_m: dataNumber(record, 'height_m'),
    weight_kg: dataNumber(record, 'weight_kg'),
    max_heart_rate_bpm: dataNumber(record, 'max_heart_rate_bpm'),
  }),
});
