/** `list_withings_heart_records` and `list_withings_stetho_records`: the recordings, without signals. */
import { z } from 'zod';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { readDayRecords, readMeta } from '../../../mcp/tools/shared/cached-read.js';
import { dateRangeShape, resolveDayRange } from '../../../mcp/tools/shared/day-range.js';
import { nullableNumber, readMetaShape } from '../../../mcp/tools/shared/schemas.js';
import { WITHINGS, WITHINGS_READ_HINTS, num, rowBase, rowBaseShape, str } from './withings-common.js';

const heartSchema = z.object({
  ...rowBaseShape,
  recorded_at: z.string().nullable(),
  signal_id: nullableNumber.describe('Pass to get_withings_heart_signal.'),
  classification: z.string().nullable().describe('AFib result: negative, positive, inconclusive, ...'),
  heart_rate_bpm: nullableNumber,
  systolic_mmhg: nullableNumber,
  diastolic_mmhg: nullableNumber,
});

export const listWithingsHeartRecords = defineTool({
  name: 'list_withings_heart_records',
  title: 'Withings ECG recordings',
  description: 'Withings ECG recordings in a local day range: time, AFib classification, heart rate, blood pressure and the signal id for get_withings_heart_signal.',
  toolset: 'withings',
  provider: 'withings',
  annotations: WITHINGS_READ_HINTS,
  input: z.object(dateRangeShape),
  output: z.object({ ...readMetaShape, recordings: z.array(heartSchema) }),
  async handle(input, context) {
    const range = resolveDayRange(input, context.app.now());
    const { records, note } = await readDayRecords(context, { provider: 'withings', resource: WITHINGS.heartRecords, kind: 'signal_recording', range, fresh: input.fresh ?? false });
    const recordings = records.map((record) => ({
      ...rowBase(record),
      recorded_at: record.start,
      signal_id: num(record, 'signal_id'),
      classification: str(record, 'classification'),
      heart_rate_bpm: num(record, 'heart_rate_bpm'),
      systolic_mmhg: num(record, 'systolic_mmhg'),
      diastolic_mmhg: num(record, 'diastolic_mmhg'),
    }));
    return { ...readMeta(range, note, records), recordings };
  },
});

const stethoSchema = z.object({
  ...rowBaseShape,
  recorded_at: z.string().nullable(),
  signal_id: nullableNumber.describe('Pass to get_withings_stetho_signal.'),
  vhd: nullableNumber.describe('Valvular heart disease indicator as reported by the device.'),
});

export const listWithingsStethoRecords = defineTool({
  name: 'list_withings_stetho_records',
  title: 'Withings stethoscope recordings',
  description: 'Withings stethoscope (BPM Core) recordings in a local day range: time, valvular heart disease flag and the signal id for get_withings_stetho_signal.',
  toolset: 'withings',
  provider: 'withings',
  annotations: WITHINGS_READ_HINTS,
  input: z.object(dateRangeShape),
  output: z.object({ ...readMetaShape, recordings: z.array(stethoSchema) }),
  async handle(input, context) {
    const range = resolveDayRange(input, context.app.now());
    const { records, note } = await readDayRecords(context, { provider: 'withings', resource: WITHINGS.stethoRecords, kind: 'signal_recording', range, fresh: input.fresh ?? false });
    const recordings = records.map((record) => ({ ...rowBase(record), recorded_at: record.start, signal_id: num(record, 'signal_id'), vhd: num(record, 'vhd') }));
    return { ...readMeta(range, note, records), recordings };
  },
});
