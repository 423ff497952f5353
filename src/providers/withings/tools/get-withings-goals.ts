/** `get_withings_goals`: the user's Withings goals (steps, sleep, weight). */
import { z } from 'zod';
import { defineTool } from '../../../mcp/tools/define-tool.js';
import { readSnapshotRecords } from '../../../mcp/tools/shared/cached-read.js';
import { nullableNumber } from '../../../mcp/tools/shared/schemas.js';
import { WITHINGS, WITHINGS_READ_HINTS, num } from './withings-common.js';

export const getWithingsGoals = defineTool({
  name: 'get_withings_goals',
  title: 'Withings goals',
  description: 'The Withings goals: steps per day, sleep duration (seconds) and target weight (kg).',
  toolset: 'withings',
  provider: 'withings',
  annotations: WITHINGS_READ_HINTS,
  input: z.object({ fresh: z.boolean().optional().describe('Fetch the goals from Withings now. Default false (cache-first).') }),
  output: z.object({
    source: z.literal('withings'),
    cached_at: z.string().nullable(),
    warnings: z.array(z.string()),
    steps_goal: nullableNumber,
    sleep_goal_seconds: nullableNumber,
    weight_goal_kg: nullableNumber,
  }),
  async handle(input, context) {
    const { records, note } = await readSnapshotRecords(context, { provider: 'withings', resource: WITHINGS.goals, kind: 'goals', fresh: input.fresh ?? false });
    const record = records[0];
    return {
      source: 'withings' as const,
      cached_at: record?.storedAt ?? null,
      warnings: note.warnings,
      steps_goal: record ? num(record, 'steps_goal') : null,
      sleep_goal_seconds: record ? num(record, 'sleep_goal_seconds') : null,
      weight_goal_kg: record ? num(record, 'weight_goal_kg') : null,
    };
  },
});
