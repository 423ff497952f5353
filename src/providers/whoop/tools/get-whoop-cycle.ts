/** `get_whoop_cycle`: one physiological cycle by its integer id. */
import { defineWhoopRecordTool, cycleIdInput } from './record-tool.js';
import { cycleRow, cycleRowSchema } from './rows.js';
import { WHOOP } from './whoop-common.js';

export const getWhoopCycle = defineWhoopRecordTool({
  name: 'get_whoop_cycle',
  title: 'WHOOP cycle',
  description: 'One WHOOP cycle by its integer id: local day, start/end, day strain, calories (kcal), average and max heart rate.',
  param: 'cycle_id',
  idSchema: cycleIdInput,
  kind: 'cycle',
  recordKind: 'activity_day',
  field: 'cycle',
  row: cycleRowSchema,
  toRow: cycleRow,
  findCached: (context, id) => context.app.store.getRecord('whoop', WHOOP.cycle, id),
});
