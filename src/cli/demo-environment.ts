/**
 * The demo's world: the built-in simulator started in-process, and a config whose providers point
 * at it. The demo data directory (`<home>/demo`) is never the real one.
 */
import { loadConfig, type Config } from '../config/config.js';
import { startSimulator } from '../simulator/index.js';
import { startPersonsSimulator } from '../simulator/persons.js';
import type { SyntheticPerson } from '../simulator/person.js';
import { runAuthorizationCodeFlow } from '../auth/connect-flow.js';
import type { GlobalOptions } from './options.js';
import type { AppContext } from '../app/app-context.js';
import type { ProviderId } from '../core/types.js';
import { PROVIDER_MODULES } from '../providers/registry.js';
import { manageSubscriptions } from '../webhooks/manage.js';

/** A fixed personal access token the in-process simulator accepts (demo data only, not a secret). */
export const DEMO_PERSONAL_TOKEN = 'demo-personal-access-token';
export const DEMO_SEED = 42;
/** Every provider the simulator imitates (its module declares `demo`): the demo person wears and uses them all. */
export const DEMO_PROVIDERS: readonly ProviderId[] = PROVIDER_MODULES.filter((module) => module.demo).map((module) => module.id);

export interface DemoEnvironment {
  config: Config;
  /** The providers the demo config points at the simulator. */
  providers: ProviderId[];
  simulatorUrl: string;
  /** The synthetic person behind every simulated provider (and the simulated export files). */
  person: SyntheticPerson;
  /**
   * Subscribes every simulated provider's webhooks to `<serverUrl>/webhooks/<id>` (subscription
   * APIs through the provider modules, dashboard-set URLs in the simulator); returns the providers
   * subscribed. With `scheduledWebhooks` the simulator then also sends what its clock brings.
   */
  subscribeWebhooks(context: AppContext, serverUrl: string, verificationToken: string): Promise<ProviderId[]>;
  close(): Promise<void>;
}

/**
 * Connects the simulated providers through each one's real OAuth flow (PKCE, offline scope or a
 * token envelope: whatever the provider's OAuth adapter does). The simulator's consent screen
 * approves at once, so following its redirect to the loopback callback completes the flow.
 */
export async function connectDemoProviders(context: AppContext, providers: readonly ProviderId[]): Promise<void> {
  for (const id of providers) {
    const provider = context.providers.get(id);
    if (!provider?.oauth) continue;
    const tokens = await runAuthorizationCodeFlow({
      provider,
      logger: context.logger,
      openBrowser: async (url) => {
        const response = await fetch(url, { redirect: 'follow' });
        await response.body?.cancel();
        return true;
      },
      promptForRedirect: () => new Promise<string>(() => undefined),
    });
    await context.tokens.save(id, tokens);
  }
}

/** Starts the simulator on 127.0.0.1 and returns a demo config pointing every provider at it. */
export async function startDemoEnvironment(
  global: GlobalOptions,
  options: { seed?: number; historyDays?: number; persons?: number; scheduledWebhooks?: boolean } = {},
): Promise<DemoEnvironment> {
  const seed = options.seed ?? DEMO_SEED;
  // Several people (serve --hosted --demo): one synthetic person per sign-in, in turn.
  const simulator =
    (options.persons ?? 1) > 1
      ? await startPersonsSimulator({ persons: options.persons ?? 2, seed, personalAccessTokens: [DEMO_PERSONAL_TOKEN] }).then((front) => ({ ...front, person: front.people[0]!.person }))
      : await startSimulator({ port: 0, seed, personalAccessTokens: [DEMO_PERSONAL_TOKEN], ...(options.scheduledWebhooks ? { scheduledWebhooks: {} } : {}) });
  const config = loadConfig({
    env: process.env,
    flags: {
      ...(global.home ? { home: global.home } : {}),
      ...(global.logLevel ? { logLevel: global.logLevel } : {}),
      demo: true,
      historyDays: options.historyDays ?? 90,
      providers: Object.fromEntries(
        DEMO_PROVIDERS.map((id) => [
          id,
          { ...simulator.endpoints[id], clientId: simulator.clientId, clientSecret: simulator.clientSecret },
        ]),
      ),
    },
  });
  const subscribeWebhooks = async (context: AppContext, serverUrl: string, verificationToken: string): Promise<ProviderId[]> => {
    const callbackFor = (id: string) => `${serverUrl}/webhooks/${id}`;
    const subscribed: ProviderId[] = [];
    for (const id of DEMO_PROVIDERS) {
      if (!context.providers.get(id)?.webhooks?.subscriptions) continue;
      await manageSubscriptions(context, { action: 'subscribe', provider: id, callbackUrl: callbackFor(id), verificationToken });
      subscribed.push(id);
    }
    // The several-persons front (hosted demo) has no dashboard-set webhooks to point.
    if ('configureDashboardWebhooks' in simulator) subscribed.push(...(simulator.configureDashboardWebhooks(callbackFor) as ProviderId[]));
    return subscribed;
  };
  return { config, providers: [...DEMO_PROVIDERS], simulatorUrl: simulator.url, person: simulator.person, subscribeWebhooks, close: () => simulator.close() };
}
