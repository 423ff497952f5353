/** `list_whoop_sleeps`: sleeps and naps in a window. */
import { defineWhoopListTool } from './list-tool.js';
import { sleepRow, sleepRowSchema } from './rows.js';
import { WHOOP } from './whoop-common.js';

export const listWhoopSleeps = defineWhoopListTool({
  name: 'list_whoop_sleeps',
  title: 'WHOOP sleeps',
  description:
    'WHOOP sleeps including naps, per local wake-up day, newest first: sleep performance/consistency/efficiency, respiratory rate, and light/REM/deep/awake/in-bed seconds.',
  resource: WHOOP.sleep,
  recordKind: 'sleep_period',
  field: 'sleeps',
  row: sleepRowSchema,
  toRow: sleepRow,
  tabular: true,
});
