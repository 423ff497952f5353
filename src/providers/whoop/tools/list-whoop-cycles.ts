/** `list_whoop_cycles`: physiological cycles (sleep onset to next sleep onset) in a window. */
import { defineWhoopListTool } from './list-tool.js';
import { cycleRow, cycleRowSchema } from './rows.js';
import { WHOOP } from './whoop-common.js';

export const listWhoopCycles = defineWhoopListTool({
  name: 'list_whoop_cycles',
  title: 'WHOOP cycles',
  description:
    'WHOOP physiological cycles (from falling asleep to falling asleep the next night) per local day, newest first: day strain, calories (kcal), average and max heart rate. The current cycle has no end yet.',
  resource: WHOOP.cycle,
  recordKind: 'activity_day',
  field: 'cycles',
  row: cycleRowSchema,
  toRow: cycleRow,
  tabular: true,
});
