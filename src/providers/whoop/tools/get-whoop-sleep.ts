/** `get_whoop_sleep`: one sleep or nap by its UUID. */
import { defineWhoopRecordTool, uuidInput } from './record-tool.js';
import { sleepRow, sleepRowSchema } from './rows.js';
import { WHOOP } from './whoop-common.js';

export const getWhoopSleep = defineWhoopRecordTool({
  name: 'get_whoop_sleep',
  title: 'WHOOP sleep',
  description: 'One WHOOP sleep or nap by its UUID: local wake-up day, stages in seconds, performance, consistency, efficiency, respiratory rate.',
  param: 'sleep_id',
  idSchema: uuidInput('sleep'),
  kind: 'sleep',
  recordKind: 'sleep_period',
  field: 'sleep',
  row: sleepRowSchema,
  toRow: sleepRow,
  findCached: (context, id) => context.app.store.getRecord('whoop', WHOOP.sleep, id),
});
