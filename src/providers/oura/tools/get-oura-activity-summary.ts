/** `get_oura_activity_summary`: daily activity score, steps, calories and activity time. */
import type { NumberField } from '../../../core/records/record.js';
import { defineOuraDailyTool, fieldColumn } from './daily-tool.js';
import { OURA } from './oura-common.js';

const field = (name: NumberField<'activity_day'>, unit: string) => fieldColumn<'activity_day'>(name, unit);

export const getOuraActivitySummary = defineOuraDailyTool({
  name: 'get_oura_activity_summary',
  title: 'Oura daily activity',
  description:
    'Daily Oura activity per local day as a table: activity score, steps, active/total calories, walking-equivalent distance and time spent at high/medium/low activity or sedentary. 30 days fit in one answer.',
  resource: OURA.dailyActivity,
  kind: 'activity_day',
  columnsText: 'score, steps, active_calories, total_calories, equivalent_walking_distance_m, high/medium/low_activity_seconds, sedentary_seconds, inactivity_alerts',
  columns: [
    field('score', 'score 0-100'),
    field('steps', 'steps'),
    field('active_calories', 'kcal'),
    field('total_calories', 'kcal'),
    field('equivalent_walking_distance_m', 'm'),
    field('high_activity_seconds', 's'),
    field('medium_activity_seconds', 's'),
    field('low_activity_seconds', 's'),
    field('sedentary_seconds', 's'),
    field('inactivity_alerts', 'count'),
  ],
});
