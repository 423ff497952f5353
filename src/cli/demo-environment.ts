/**
 * The demo's world: the built-in simulator started in-process, and a config whose providers point
 * at it. The demo data directory (`<home>/demo`) is never the real one.
 */
import { loadConfig, type Config } from '../config/config.js';
import { startSimulator } from '../simulator/index.js';
import type { GlobalOptions } from './options.js';
import type { AppContext } from '../core/app-context.js';
import type { ProviderId } from '../core/types.js';

/** A fixed personal access token the in-process simulator accepts (demo data only, not a secret). */
export const DEMO_PERSONAL_TOKEN = 'demo-personal-access-token';
export const DEMO_SEED = 42;

export interface DemoEnvironment {
  config: Config;
  /** The providers the demo config points at the simulator. */
  providers: ProviderId[];
  simulatorUrl: string;
  close(): Promise<void>;
}

/** Connects the simulated providers with the simulator's personal token (no browser needed). */
export async function connectDemoProviders(context: AppContext, providers: readonly ProviderId[]): Promise<void> {
  for (const provider of providers) {
    await context.tokens.save(provider, { kind: 'personal', accessToken: DEMO_PERSONAL_TOKEN, obtainedAt: Date.now() });
  }
}

/** Starts the simulator on 127.0.0.1 and returns a demo config pointing every provider at it. */
export async function startDemoEnvironment(global: GlobalOptions, options: { seed?: number; historyDays?: number } = {}): Promise<DemoEnvironment> {
  const simulator = await startSimulator({ port: 0, seed: options.seed ?? DEMO_SEED, personalAccessTokens: [DEMO_PERSONAL_TOKEN] });
  const config = loadConfig({
    env: process.env,
    flags: {
      ...(global.home ? { home: global.home } : {}),
      ...(global.logLevel ? { logLevel: global.logLevel } : {}),
      demo: true,
      historyDays: options.historyDays ?? 90,
      providers: {
        oura: {
          apiBaseUrl: simulator.oura.apiBaseUrl,
          authBaseUrl: simulator.oura.authBaseUrl,
          clientId: simulator.clientId,
          clientSecret: simulator.clientSecret,
        },
      },
    },
  });
  return { config, providers: ['oura'], simulatorUrl: simulator.url, close: () => simulator.close() };
}
