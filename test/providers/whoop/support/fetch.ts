/** Drains the WHOOP provider's `fetchWindow` in a scenario (what one listing returns). */
import type { NormalizedRecord, TimeWindow } from '../../../../src/core/types.js';
import { resourceSpec } from '../../../../src/providers/provider.js';
import type { WhoopScenario } from './whoop-scenario.js';

/** Every record one listing of `resource` in `window` returns. */
export async function fetchedRecords(scenario: WhoopScenario, resource: string, window: TimeWindow): Promise<NormalizedRecord[]> {
  const records: NormalizedRecord[] = [];
  for await (const page of scenario.provider.fetchWindow(resourceSpec(scenario.provider, resource), window, { http: scenario.http })) {
    records.push(...page.records);
  }
  return records;
}
