/**
 * The provider registry: THE one list of provider modules. Adding a provider is one folder
 * (`src/providers/<id>/`) and one line here; config, tools, the day view, exports, the report,
 * the CLI and the docs read the modules' declarations.
 *
 * `core/` keeps `ProviderId` a plain string (core is the lowest layer and must not import
 * providers); the narrowed union of registered ids is derived here, from the list itself.
 */
import type { FetchLike } from '../core/http.js';
import type { ProviderId } from '../core/types.js';
import { WearablesError } from '../core/errors.js';
import type { Provider } from './provider.js';
import type { ProviderModule, ProviderSettings } from './provider-module.js';
import { OURA_MODULE } from './oura/index.js';
import { WHOOP_MODULE } from './whoop/index.js';
import { WITHINGS_MODULE } from './withings/index.js';
import { APPLE_HEALTH_MODULE } from './apple-health/index.js';

/** Every provider module, in the order providers are listed everywhere. */
export const PROVIDER_MODULES = [OURA_MODULE, WHOOP_MODULE, WITHINGS_MODULE, APPLE_HEALTH_MODULE] as const;

/** The id of a registered provider. */
export type RegisteredProviderId = (typeof PROVIDER_MODULES)[number]['id'];

/** The registered ids, as a non-empty tuple (for `z.enum`). */
export const PROVIDER_IDS = nonEmpty(PROVIDER_MODULES.map((module) => module.id));

function nonEmpty<T>(values: T[]): readonly [T, ...T[]] {
  const [first, ...rest] = values;
  if (first === undefined) throw new Error('The provider registry is empty.');
  return [first, ...rest];
}

const BY_ID: ReadonlyMap<string, ProviderModule> = new Map(PROVIDER_MODULES.map((module) => [module.id, module]));

/** Whether `value` is a registered provider id. */
export function isRegisteredProviderId(value: string): value is RegisteredProviderId {
  return BY_ID.has(value);
}

/** The module of a registered provider, or undefined. */
export function providerModule(id: ProviderId): ProviderModule | undefined {
  return BY_ID.get(id);
}

/** The module of a registered provider, or a VALIDATION_ERROR listing the registered ids. */
export function requireProviderModule(id: string): ProviderModule {
  const module = BY_ID.get(id);
  if (module) return module;
  throw new WearablesError('VALIDATION_ERROR', `Unknown provider "${id.slice(0, 40)}".`, { hint: `Use one of: ${PROVIDER_IDS.join(', ')}.` });
}

/** Builds every registered provider from the configured settings (connected or not). */
export function createProviders(config: { providers: Readonly<Record<ProviderId, ProviderSettings | undefined>> }, fetch?: FetchLike): Map<ProviderId, Provider> {
  const providers = new Map<ProviderId, Provider>();
  for (const module of PROVIDER_MODULES) providers.set(module.id, module.createProvider(config.providers[module.id] ?? {}, fetch));
  return providers;
}
