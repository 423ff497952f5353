/** Flags shared by every command and their translation into `loadConfig` input. */
import type { ConfigFlags } from '../config/config.js';
import { loadConfig, type Config } from '../config/config.js';
import { WearablesError } from '../core/errors.js';
import type { ProviderId } from '../core/types.js';
import { isDay } from '../core/time/days.js';
import { isRegisteredProviderId, PROVIDER_IDS } from '../providers/registry.js';

export interface GlobalOptions {
  json?: boolean;
  home?: string;
  demo?: boolean;
  logLevel?: string;
  config?: string;
}

/** Loads the configuration for a command from env + global flags (+ command flags). */
export function configFor(options: GlobalOptions, extra: ConfigFlags = {}): Config {
  return loadConfig({
    env: process.env,
    flags: {
      ...(options.home ? { home: options.home } : {}),
      ...(options.demo ? { demo: true } : {}),
      ...(options.logLevel ? { logLevel: options.logLevel } : {}),
      ...extra,
    },
    ...(options.config ? { configFile: options.config } : {}),
  });
}

/** Validates a provider argument. */
export function parseProvider(value: string): ProviderId {
  if (isRegisteredProviderId(value)) return value;
  throw new WearablesError('VALIDATION_ERROR', `Unknown provider "${value}".`, {
    hint: `Use one of: ${PROVIDER_IDS.join(', ')}.`,
  });
}

/** Validates a YYYY-MM-DD date argument. */
export function parseDay(value: string, name: string): string {
  if (isDay(value)) return value;
  throw new WearablesError('VALIDATION_ERROR', `${name} must be a date like 2026-01-31, got "${value}".`, {
    hint: 'Pass the date as YYYY-MM-DD.',
  });
}
