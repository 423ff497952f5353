/**
 * The provider registry: builds every provider from config. Adding WHOOP or Withings means one
 * line here; sync, tools and docs read the providers' declarations.
 */
import type { Config } from '../config/config.js';
import type { FetchLike } from '../core/http.js';
import type { ProviderId } from '../core/types.js';
import type { Provider } from './provider.js';
import { createOuraProvider } from './oura/index.js';
import { createWithingsProvider } from './withings/index.js';
import { createWhoopProvider } from './whoop/index.js';

type ProviderFactory = (settings: Config['providers'][ProviderId], fetch?: FetchLike) => Provider;

/** Factories of the providers implemented so far (WHOOP and Withings plug in here). */
const FACTORIES: Partial<Record<ProviderId, ProviderFactory>> = {
  oura: (settings, fetch) =>
    createOuraProvider({
      apiBaseUrl: settings.apiBaseUrl,
      authBaseUrl: settings.authBaseUrl,
      ...(settings.clientId ? { clientId: settings.clientId } : {}),
      ...(settings.clientSecret ? { clientSecret: settings.clientSecret } : {}),
      ...(fetch ? { fetch } : {}),
    }),
  whoop: (settings, fetch) =>
    createWhoopProvider({
      apiBaseUrl: settings.apiBaseUrl,
      authBaseUrl: settings.authBaseUrl,
      ...(settings.clientId ? { clientId: settings.clientId } : {}),
      ...(settings.clientSecret ? { clientSecret: settings.clientSecret } : {}),
      ...(fetch ? { fetch } : {}),
    }),
  withings: (settings, fetch) =>
    createWithingsProvider({
      apiBaseUrl: settings.apiBaseUrl,
      authBaseUrl: settings.authBaseUrl,
      ...(settings.clientId ? { clientId: settings.clientId } : {}),
      ...(settings.clientSecret ? { clientSecret: settings.clientSecret } : {}),
      ...(fetch ? { fetch } : {}),
    }),
};

/** Builds every implemented provider from `config` (connected or not). */
export function createProviders(config: Config, fetch?: FetchLike): Map<ProviderId, Provider> {
  const providers = new Map<ProviderId, Provider>();
  for (const [id, factory] of Object.entries(FACTORIES) as Array<[ProviderId, ProviderFactory]>) {
    providers.set(id, factory(config.providers[id], fetch));
  }
  return providers;
}
