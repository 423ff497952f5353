/** `get_whoop_cycle_recovery`: the recovery of one cycle. */
import { defineWhoopRecordTool, cycleIdInput } from './record-tool.js';
import { recoveryRow, recoveryRowSchema } from './rows.js';
import { WHOOP } from './whoop-common.js';

export const getWhoopCycleRecovery = defineWhoopRecordTool({
  name: 'get_whoop_cycle_recovery',
  title: 'WHOOP recovery of a cycle',
  description: 'The recovery of one WHOOP cycle: recovery score (%), HRV (RMSSD, ms), resting heart rate, SpO2, skin temperature.',
  param: 'cycle_id',
  idSchema: cycleIdInput,
  kind: 'recovery',
  recordKind: 'daily_scores',
  field: 'recovery',
  row: recoveryRowSchema,
  toRow: recoveryRow,
  findCached: (context, id) => context.app.store.getRecord('whoop', WHOOP.recovery, id),
});
