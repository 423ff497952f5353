/**
 * A real app (SQLite file, token store, every provider, sync engine) synced over HTTP from the
 * simulator on 127.0.0.1 for every resource the FHIR export maps, for Oura, WHOOP and Withings.
 * The history is short enough that the Withings sign-up measures (height, a weight goal) are in it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppContext } from '../../src/app/create-app-context.js';
import { loadConfig } from '../../src/config/config.js';
import type { AppContext } from '../../src/app/app-context.js';
import type { RegisteredProviderId } from '../../src/providers/registry.js';
import { METRIC_SOURCES } from '../../src/export/fhir/metrics.js';
import { silentLogger } from '../../src/logging/logger.js';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import { addDays } from '../../src/core/time/days.js';

const NOW = new Date('2025-06-15T10:00:00Z');
const TOKEN = 'pat-export-0123456789abcdef';
export const SIM_PROVIDERS = ['oura', 'whoop', 'withings'] as const satisfies readonly RegisteredProviderId[];

export interface SimulatedStore {
  sim: StartedSimulator;
  app: AppContext;
  dir: string;
  close(): Promise<void>;
}

/** Starts the simulator (`days` of history), connects the three providers by token and syncs them (but `provider/resource` in `skipResources`). */
export async function syncedFromSimulator(options: { seed: number; days: number; skipResources?: readonly string[] }): Promise<SimulatedStore> {
  const sim = await startSimulator({ seed: options.seed, days: options.days, now: () => new Date(NOW), personalAccessTokens: [TOKEN] });
  const dir = mkdtempSync(join(tmpdir(), 'wearables-fhir-sim-'));
  const env: Record<string, string> = { WEARABLES_MCP_HOME: dir, WEARABLES_MCP_ENCRYPTION_KEY: 'b'.repeat(64) };
  for (const id of SIM_PROVIDERS) {
    env[`${id.toUpperCase()}_API_BASE_URL`] = sim[id].apiBaseUrl;
    env[`${id.toUpperCase()}_AUTH_BASE_URL`] = sim[id].authBaseUrl;
  }
  const config = loadConfig({ env, flags: { logFile: null, logLevel: 'silent', home: dir } });
  const app = await createAppContext(config, { logger: silentLogger(), now: () => new Date(NOW), sleep: async () => undefined });
  for (const provider of SIM_PROVIDERS) {
    await app.tokens.save(provider, { kind: 'personal', accessToken: TOKEN, obtainedAt: Date.now() });
    const mapped = METRIC_SOURCES.filter((source) => source.provider === provider && !options.skipResources?.includes(`${provider}/${source.resource}`));
    const resources = [...new Set(mapped.map((source) => source.resource))];
    const report = await app.sync.sync({ providers: [provider], resources, since: addDays(sim.person.anchorDay, -(options.days - 1)) });
    const failed = report.results.filter((result) => result.status !== 'ok');
    if (failed.length > 0) throw new Error(`${provider} sync failed: ${failed.map((result) => result.error?.message).join('; ')}`);
  }
  return {
    sim,
    app,
    dir,
    async close() {
      await app.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
