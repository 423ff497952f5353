/** `list_whoop_recoveries`: recovery score, HRV, resting heart rate per cycle in a window. */
import { defineWhoopListTool } from './list-tool.js';
import { recoveryRow, recoveryRowSchema } from './rows.js';
import { WHOOP } from './whoop-common.js';

export const listWhoopRecoveries = defineWhoopListTool({
  name: 'list_whoop_recoveries',
  title: 'WHOOP recoveries',
  description:
    'WHOOP recoveries per local day, newest first: recovery score (%), HRV (RMSSD, ms), resting heart rate, SpO2 and skin temperature. One per cycle (id = cycle id).',
  resource: WHOOP.recovery,
  recordKind: 'daily_scores',
  field: 'recoveries',
  row: recoveryRowSchema,
  toRow: recoveryRow,
  tabular: true,
});
