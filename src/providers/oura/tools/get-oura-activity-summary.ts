/** `get_oura_activity_summary`: daily activity score, steps, calories and activity time. */
import { numberField } from '../../../mcp/tools/shared/fields.js';
import { defineOuraDailyTool, numberColumn } from './daily-tool.js';
import { OURA } from './oura-common.js';

const field = (name: string, unit: string | undefined, ...keys: string[]) => numberColumn(name, unit, (record) => numberField(record, name, ...keys));

export const getOuraActivitySummary = defineOuraDailyTool({
  name: 'get_oura_activity_summary',
  title: 'Oura daily activity',
  description:
    'Daily Oura activity per local day as a table: activity score, steps, active/total calories, walking-equivalent distance and time spent at high/medium/low activity or sedentary. 30 days fit in one answer.',
  resource: OURA.dailyActivity,
  columnsText: 'score, steps, active_calories, total_calories, equivalent_walking_distance_m, high/medium/low_activity_seconds, sedentary_seconds, inactivity_alerts',
  columns: [
    field('score', 'score 0-100'),
    field('steps', 'steps'),
    field('active_calories', 'kcal'),
    field('total_calories', 'kcal'),
    field('equivalent_walking_distance_m', 'm', 'equivalent_walking_distance'),
    field('high_activity_seconds', 's', 'high_activity_time'),
    field('medium_activity_seconds', 's', 'medium_activity_time'),
    field('low_activity_seconds', 's', 'low_activity_time'),
    field('sedentary_seconds', 's', 'sedentary_time'),
    field('inactivity_alerts', 'count'),
  ],
});
