/** The Oura simulator on 127.0.0.1 plus the real Oura provider and a config pointing at both. */
import { runAuthorizationCodeFlow } from '../../../src/auth/connect-flow.js';
import type { TokenSet } from '../../../src/core/token-set.js';
import type { Config } from '../../../src/config/config.js';
import type { ProviderId } from '../../../src/core/types.js';
import { silentLogger, type Logger } from '../../../src/logging/logger.js';
import type { Provider } from '../../../src/providers/provider.js';
import { createProviders } from '../../../src/providers/registry.js';
import { startSimulator } from '../../../src/simulator/index.js';
import type { TempHome } from './temp-home.js';

export const CLIENT_SECRET = 'demo-secret';

export interface SimulatedOura {
  simulator: Awaited<ReturnType<typeof startSimulator>>;
  /** Environment a process needs to reach the simulator (for child processes too). */
  env: Record<string, string>;
  config: Config;
  providers: Map<ProviderId, Provider>;
  oura: Provider;
  /** A cheap authenticated API URL for checking that a token works. */
  probeUrl: string;
  close(): Promise<void>;
}

/** Starts the simulator and builds config + providers for `home`. */
export async function startSimulatedOura(home: TempHome): Promise<SimulatedOura> {
  const simulator = await startSimulator({ seed: 7, port: 0 });
  const env = {
    OURA_CLIENT_ID: 'demo-client',
    OURA_CLIENT_SECRET: CLIENT_SECRET,
    OURA_API_BASE_URL: simulator.oura.apiBaseUrl,
    OURA_AUTH_BASE_URL: simulator.oura.authBaseUrl,
  };
  const config = home.config(env);
  const providers = createProviders(config);
  const oura = providers.get('oura');
  if (!oura) throw new Error('oura provider missing');
  return {
    simulator,
    env,
    config,
    providers,
    oura,
    probeUrl: `${simulator.oura.apiBaseUrl}/v2/usercollection/personal_info`,
    close: () => simulator.close(),
  };
}

/** Runs the real connect flow, the "browser" being a fetch that follows the simulator's redirect. */
export function grantViaBrowser(provider: Provider, logger: Logger = silentLogger()): Promise<TokenSet> {
  return runAuthorizationCodeFlow({
    provider,
    logger,
    openBrowser: async (url) => {
      const response = await fetch(url, { redirect: 'follow' });
      await response.body?.cancel();
      return true;
    },
    promptForRedirect: () => new Promise<string>(() => undefined),
    timeoutMs: 10_000,
  });
}

/** The HTTP status the simulator's API answers for `token`. */
export async function apiStatus(probeUrl: string, token: string): Promise<number> {
  const response = await fetch(probeUrl, { headers: { authorization: `Bearer ${token}` } });
  await response.body?.cancel();
  return response.status;
}
