/**
 * A data directory with Oura, WHOOP and Withings connected (personal/access tokens) to a simulator
 * running in the test process, for end-to-end runs of the built CLI over all three providers.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type SimulatorOptions, type StartedSimulator } from '../../../src/simulator/index.js';
import { assertBuilt, runCli } from '../cli-helpers.js';

export const THREE_PROVIDERS = ['oura', 'whoop', 'withings'] as const;

export interface ThreeProviderHome {
  simulator: StartedSimulator;
  home: string;
  env: Record<string, string>;
  /** Lock files and directories of the sync lock (`sync-*.lock*`) left in the home. */
  leftoverLocks(): string[];
  close(): Promise<void>;
}

/** Starts the simulator and connects the three providers with a token each. */
export async function startThreeProviderHome(options: SimulatorOptions & { token: string; historyDays?: number }): Promise<ThreeProviderHome> {
  assertBuilt();
    // Budgets high enough that many syncs in a row are never rate limited (not what these tests are about).
  const simulator = await startSimulator({
    port: 0,
    days: 60,
    rateLimitPerMinute: 100_000,
    whoop: { rateLimitPerMinute: 100_000 },
    withings: { rateLimitPerMinute: 100_000 },
    ...options,
    personalAccessTokens: [options.token],
  });
  const home = mkdtempSync(join(tmpdir(), 'wearables-three-'));
  const env: Record<string, string> = {
    WEARABLES_MCP_HOME: home,
    WEARABLES_MCP_HISTORY_DAYS: String(options.historyDays ?? 30),
    LOG_FILE: '',
  };
  for (const provider of THREE_PROVIDERS) {
    env[`${provider.toUpperCase()}_API_BASE_URL`] = simulator[provider].apiBaseUrl;
    env[`${provider.toUpperCase()}_AUTH_BASE_URL`] = simulator[provider].authBaseUrl;
  }
  for (const provider of THREE_PROVIDERS) {
    const connected = await runCli(['connect', provider, '--token', options.token, '--json'], env);
    if (connected.code !== 0) throw new Error(`connect ${provider} failed: ${connected.stderr}`);
  }
  return {
    simulator,
    home,
    env,
    leftoverLocks: () => readdirSync(home).filter((name) => name.startsWith('sync-')),
    async close() {
      await simulator.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
