/** `get_oura_activity_summary`: daily activity score, steps, calories and activity time. */
import { numberField } from '../shared/fields.js';
import { nullableNumber } from '../shared/schemas.js';
import { defineOuraDailyTool } from './daily-tool.js';
import { OURA } from './oura-common.js';

export const getOuraActivitySummary = defineOuraDailyTool({
  name: 'get_oura_activity_summary',
  title: 'Oura daily activity',
  description:
    'Daily Oura activity per local day: activity score, steps, active/total calories, walking-equivalent distance and time spent at high/medium/low activity or sedentary.',
  resource: OURA.dailyActivity,
  fields: {
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
  },
  toFields: (record) => ({
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
  }),
});
