/** `get_whoop_cycle_sleep`: the sleep that starts a cycle (the one its recovery comes from). */
import { narrowRows, type StoredKindRecord } from '../../../store/kind-rows.js';
import type { ToolContext } from '../../../mcp/tools/define-tool.js';
import { defineWhoopRecordTool, cycleIdInput } from './record-tool.js';
import { sleepRow, sleepRowSchema } from './rows.js';
import { WHOOP } from './whoop-common.js';
import { addDays } from '../../../core/time/days.js';

/** The cached main sleep of a cached cycle (same cycle id, not a nap), else null. */
async function cachedCycleSleep(context: ToolContext, id: string): Promise<StoredKindRecord<'sleep_period'> | null> {
  const { store } = context.app;
  const cycle = await store.getRecord('whoop', WHOOP.cycle, id);
  if (!cycle?.day) return null;
  const sleeps = await store.queryRecords({ provider: 'whoop', resource: WHOOP.sleep, startDay: addDays(cycle.day, -1), endDay: addDays(cycle.day, 1) });
  return narrowRows('sleep_period', sleeps).rows.find((sleep) => String(sleep.data.cycle_id) === id && sleep.data.nap !== true) ?? null;
}

export const getWhoopCycleSleep = defineWhoopRecordTool({
  name: 'get_whoop_cycle_sleep',
  title: 'WHOOP sleep of a cycle',
  description: 'The sleep that starts one WHOOP cycle (the night its recovery is based on): stages in seconds, performance, efficiency, respiratory rate.',
  param: 'cycle_id',
  idSchema: cycleIdInput,
  kind: 'cycle_sleep',
  recordKind: 'sleep_period',
  field: 'sleep',
  row: sleepRowSchema,
  toRow: sleepRow,
  findCached: cachedCycleSleep,
});
