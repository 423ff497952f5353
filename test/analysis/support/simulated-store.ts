/**
 * A real store filled from the simulator: the Oura provider over real HTTP (scenario harness),
 * synced into a SQLite file, for the resources the day view reads (heart rate is not needed).
 */
import { SOURCE_MAPPINGS } from '../../../src/analysis/mappings/index.js';
import { startScenario, type Scenario } from '../../sync/support/scenario-harness.js';

/** The simulator's "now" in these tests; the person's anchor day is 2025-06-15. */
export const SIM_NOW = '2025-06-15T12:00:00.000Z';
export const SIM_TODAY = '2025-06-15';

/** Starts the simulator and syncs `historyDays` of the day-view resources. */
export async function simulatedStore(historyDays: number, seed = 7): Promise<Scenario> {
  const scenario = await startScenario({ now: SIM_NOW, historyDays, seed });
  const resources = [...new Set(SOURCE_MAPPINGS.filter((mapping) => mapping.provider === 'oura').map((mapping) => mapping.resource))];
  const report = await scenario.sync.sync({ resources });
  if (report.results.some((result) => result.status !== 'ok')) throw new Error(`sync failed: ${JSON.stringify(report.results)}`);
  return scenario;
}
