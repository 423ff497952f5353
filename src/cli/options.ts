/** Flags shared by every command and their translation into `loadConfig` input. */
import type { ConfigFlags } from '../config/config.js';
import { loadConfig, type Config } from '../config/config.js';
import { WearablesError } from '../core/errors.js';
import type { ProviderId } from '../core/types.js';
import { DAY_PATTERN, isDay } from '../core/time/days.js';
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

/** Validates a YYYY-MM-DD date argument: the shape, then that the day exists (no 2026-02-30). */
export function parseDay(value: string, name: string): string {
  if (isDay(value)) return value;
  if (!DAY_PATTERN.test(value)) {
    throw new WearablesError('VALIDATION_ERROR', `${name} must be a date like 2026-01-31, got "${value.slice(0, 40)}".`, {
      hint: 'Pass the date as YYYY-MM-DD.',
    });
  }
  const [year, month] = [Number(value.slice(0, 4)), Number(value.slice(5, 7))];
  // Day 0 of the next month is the last day of this one.
  const monthDays = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  const monthName = monthDays > 0 ? new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' }) : undefined;
  throw new WearablesError('VALIDATION_ERROR', `${name} ${value} is not a real day${monthName ? ` (${monthName} ${year} has ${monthDays} days)` : ' (months run 01 to 12)'}.`, {
    hint: 'Pass an existing calendar day as YYYY-MM-DD.',
  });
}
