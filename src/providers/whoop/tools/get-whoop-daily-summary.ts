/** `get_whoop_daily_summary`: cycle + recovery + primary sleep + naps + workouts of one local day. */
import { z } from 'zod';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { mergeNotes, readMeta } from '../../../mcp/tools/shared/cached-read.js';
import { assertDayInBounds } from '../../../mcp/tools/shared/day-range.js';
import { dayInput } from '../../../mcp/tools/shared/inputs.js';
import { readMetaShape } from '../../../mcp/tools/shared/schemas.js';
import { buildWhoopDailySummary } from './daily-summary.js';
import { cycleRowSchema, recoveryRowSchema, sleepRowSchema, workoutRowSchema } from './rows.js';
import { readWhoopDays, WHOOP, WHOOP_READ_HINTS } from './whoop-common.js';
import { addDays } from '../../../core/time/days.js';
import { localDayOf, SERVER_ZONE } from '../../../core/time/zones.js';

export const getWhoopDailySummary = defineTool({
  name: 'get_whoop_daily_summary',
  title: 'WHOOP daily summary',
  description:
    'Everything WHOOP knows about one local day: the cycle (strain, calories, heart rate), its recovery (score, HRV, resting HR), the primary sleep, naps and workouts. The day comes from each record’s own time-zone offset, not UTC.',
  toolset: 'whoop',
  provider: 'whoop',
  annotations: WHOOP_READ_HINTS,
  input: z.object({
    date: dayInput().optional().describe('Local day YYYY-MM-DD. Default: yesterday (the last complete day).'),
    fresh: z.boolean().optional().describe('Bypass the cache: fetch the day from WHOOP now and store it.'),
  }),
  output: z.object({
    ...readMetaShape,
    date: z.string(),
    source: z.literal('whoop'),
    cycle: cycleRowSchema.nullable(),
    recovery: recoveryRowSchema.nullable(),
    sleep: sleepRowSchema.nullable().describe('The primary (longest non-nap) sleep that ended this day.'),
    naps: z.array(sleepRowSchema),
    workouts: z.array(workoutRowSchema),
  }),
  async handle(input, context) {
    const date = input.date ?? addDays(localDayOf(context.app.now(), SERVER_ZONE), -1);
    assertDayInBounds(date, 'date', context.app.now());
    const range = { startDay: date, endDay: date };
    const fresh = input.fresh ?? false;
    const [cycles, recoveries, sleeps, workouts] = await Promise.all([
      readWhoopDays(context, { resource: WHOOP.cycle, kind: 'activity_day' }, range, fresh),
      readWhoopDays(context, { resource: WHOOP.recovery, kind: 'daily_scores' }, range, fresh),
      readWhoopDays(context, { resource: WHOOP.sleep, kind: 'sleep_period' }, range, fresh),
      readWhoopDays(context, { resource: WHOOP.workout, kind: 'workout' }, range, fresh),
    ]);
    const summary = buildWhoopDailySummary(date, { cycles: cycles.records, recoveries: recoveries.records, sleeps: sleeps.records, workouts: workouts.records });
    const parts = [cycles, recoveries, sleeps, workouts];
    const note = mergeNotes(parts.map((part) => part.note), fresh);
    return { ...readMeta(range, note, parts.flatMap((part): ReadonlyArray<{ storedAt: string }> => part.records)), ...summary };
  },
});
