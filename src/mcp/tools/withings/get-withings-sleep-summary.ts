/** `get_withings_sleep_summary`: nightly sleep from Withings (score, stages, HR, breathing, snoring, apnea index). */
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { readDayRecords, readMeta } from '../shared/cached-read.js';
import { dateRangeShape, resolveDayRange } from '../shared/dates.js';
import { nullableNumber, readMetaShape } from '../shared/schemas.js';
import { WITHINGS, WITHINGS_READ_HINTS, num, rowBase, rowBaseShape } from './withings-common.js';

const nightSchema = z.object({
  ...rowBaseShape,
  start: z.string().nullable(),
  end: z.string().nullable(),
  sleep_score: nullableNumber,
  total_sleep_seconds: nullableNumber,
  time_in_bed_seconds: nullableNumber,
  deep_sleep_seconds: nullableNumber,
  light_sleep_seconds: nullableNumber,
  rem_sleep_seconds: nullableNumber,
  awake_seconds: nullableNumber,
  efficiency_pct: nullableNumber,
  latency_seconds: nullableNumber,
  wakeup_count: nullableNumber,
  average_heart_rate_bpm: nullableNumber,
  lowest_heart_rate_bpm: nullableNumber,
  respiratory_rate: nullableNumber.describe('Breaths per minute (average).'),
  snoring_seconds: nullableNumber,
  snoring_episodes: nullableNumber,
  apnea_hypopnea_index: nullableNumber.describe('Events per hour (medical AHI where the device supports it).'),
  withings_index: nullableNumber.describe('Breathing events per hour (Sleep Rx).'),
  breathing_disturbances_intensity: nullableNumber,
});

export const getWithingsSleepSummary = defineTool({
  name: 'get_withings_sleep_summary',
  title: 'Withings sleep summary',
  description:
    'Withings sleep per night in a local day range (the day the night ends): sleep score, total/deep/light/REM/awake seconds, efficiency, latency, heart rate, breathing rate, snoring and the apnea-hypopnea index.',
  toolset: 'withings',
  provider: 'withings',
  annotations: WITHINGS_READ_HINTS,
  input: z.object(dateRangeShape),
  output: z.object({ ...readMetaShape, nights: z.array(nightSchema) }),
  async handle(input, context) {
    const range = resolveDayRange(input, context.app.now());
    const { records, note } = await readDayRecords(context, { provider: 'withings', resource: WITHINGS.sleepSummary, range, fresh: input.fresh ?? false });
    const keys = Object.keys(nightSchema.shape).filter((key) => !['day', 'source', 'id', 'start', 'end'].includes(key));
    const nights = records.map((record) => ({
      ...rowBase(record),
      start: record.start,
      end: record.end,
      ...Object.fromEntries(keys.map((key) => [key, num(record, key)])),
    })) as Array<z.infer<typeof nightSchema>>;
    return { ...readMeta(range, note, records), nights };
  },
});
