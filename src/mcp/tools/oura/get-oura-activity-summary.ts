/** `get_oura_activity_summary`: daily activity score, steps, calories and activity time. */
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { readDayRecords, readMeta } from '../shared/cached-read.js';
import { resolveDayRange } from '../shared/dates.js';
import { numberField } from '../shared/fields.js';
import { nullableNumber, readMetaShape } from '../shared/schemas.js';
import { OURA, OURA_READ_HINTS, ouraRangeInput, rowBase, rowBaseShape } from './oura-common.js';

const rowSchema = z.object({
  ...rowBaseShape,
  score: nullableNumber.describe('Activity score 0-100.'),
  steps: nullableNumber,
  active_calories: nullableNumber.describe('kcal'),
  total_calories: nullableNumber.describe('kcal'),
  equivalent_walking_distance_m: nullableNumber,
  high_activity_seconds: nullableNumber,
  medium_activity_seconds: nullableNumber,
  low_activity_seconds: nullableNumber,
  sedentary_seconds: nullableNumber,
  inactivity_alerts: nullableNumber,
});

export const getOuraActivitySummary = defineTool({
  name: 'get_oura_activity_summary',
  title: 'Oura daily activity',
  description:
    'Daily Oura activity per local day: activity score, steps, active/total calories, walking-equivalent distance and time spent at high/medium/low activity or sedentary.',
  toolset: 'oura',
  provider: 'oura',
  annotations: OURA_READ_HINTS,
  input: z.object(ouraRangeInput),
  output: z.object({ ...readMetaShape, days: z.array(rowSchema) }),
  async handle(input, context) {
    const range = resolveDayRange(input, context.app.now());
    const fresh = input.fresh ?? false;
    const { records, note } = await readDayRecords(context, { provider: 'oura', resource: OURA.dailyActivity, range, fresh });
    const days = records.map((record) => ({
      ...rowBase(record),
      score: numberField(record, 'score'),
      steps: numberField(record, 'steps'),
      active_calories: numberField(record, 'active_calories'),
      total_calories: numberField(record, 'total_calories'),
      equivalent_walking_distance_m: numberField(record, 'equivalent_walking_distance_m', 'equivalent_walking_distance'),
      high_activity_seconds: numberField(record, 'high_activity_seconds', 'high_activity_time'),
      medium_activity_seconds: numberField(record, 'medium_activity_seconds', 'medium_activity_time'),
      low_activity_seconds: numberField(record, 'low_activity_seconds', 'low_activity_time'),
      sedentary_seconds: numberField(record, 'sedentary_seconds', 'sedentary_time'),
      inactivity_alerts: numberField(record, 'inactivity_alerts'),
    }));
    return { ...readMeta(range, note, records), days };
  },
});
