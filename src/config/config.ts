/**
 * Configuration, loaded once: defaults < config file < environment < flags, validated with zod
 * and frozen. `env` and `flags` are passed in (never read from globals here) so tests give theirs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import envPaths from 'env-paths';
import { z } from 'zod';
import { WearablesError } from '../core/errors.js';
import type { ProviderId } from '../core/types.js';
import { envPrefix } from '../providers/provider-module.js';
import { PROVIDER_MODULES } from '../providers/registry.js';
import { parsePostgresUrl } from '../store/postgres/url.js';
import { SCHEMA_PATTERN } from '../store/postgres/pg-names.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const providerSchema = z.object({
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  /** The module's real endpoint unless `<ID>_API_BASE_URL` points elsewhere (simulator, proxy); none for a file source. */
  apiBaseUrl: z.url().optional(),
  authBaseUrl: z.url().optional(),
  /** Fixed redirect URI (must match the provider app); default: a loopback port picked at connect. */
  redirectUri: z.url().optional(),
});

export type ProviderConfig = z.infer<typeof providerSchema>;

/** One settings object per registered provider module (the loader builds exactly those keys). */
const providersSchema = z.record(z.string(), providerSchema);

const configSchema = z.object({
  home: z.string().min(1),
  demo: z.boolean(),
  logLevel: z.enum(LOG_LEVELS),
  /** Path of the size-rotated log file; null disables the file. */
  logFile: z.string().nullable(),
  /** 64 hex chars or base64 of 32 bytes; when absent a key file in `home` is generated. */
  encryptionKey: z.string().min(1).optional(),
  /** A key file kept outside the home (never created by wearables-mcp); see docs/security.md. */
  encryptionKeyFile: z.string().min(1).optional(),
  /** Days of history a first sync fetches. */
  historyDays: z.number().int().min(1).max(3650),
  /** Minutes a check of the recent, still-changing days answers repeated reads without a provider request. */
  freshnessMinutes: z.number().min(0).max(1440),
  /** Days the change feed keeps events; older ones are compacted away (a poller behind that is told about the gap). */
  eventRetentionDays: z.number().int().min(1).max(3650),
  /** Toolsets exposed (`all` or toolset names: `core`, `insights`, a provider id). */
  toolsets: z.array(z.string()).min(1),
  providers: providersSchema,
  /** Folders the export_data tool may write into besides `<home>/exports` (absolute, user-chosen). */
  exportRoots: z.array(z.string().refine(isAbsolute, 'must be an absolute path')).max(20),
  /** List each tool's output schema in tools/list (for clients that validate answers). */
  outputSchemas: z.boolean({ error: 'must be true or false' }),
  /**
   * `DATABASE_URL`: a postgres:// or postgresql:// URL chooses the PostgreSQL store (checked
   * before the schema sees it, so its text never appears in an error); null keeps SQLite in the home.
   */
  databaseUrl: z.string().nullable(),
  /**
   * `WEARABLES_MCP_DATABASE_SCHEMA`: the PostgreSQL schema holding the tables (created when absent),
   * so deployments and tests can share one database; default `public`, and `demo` for `--demo`
   * (the demo never writes where the real data is).
   */
  databaseSchema: z.string().regex(SCHEMA_PATTERN, 'must be lowercase letters, digits and underscores (a PostgreSQL schema name)'),
});

export type Config = Readonly<z.infer<typeof configSchema>> & {
  readonly dbPath: string;
  readonly tokensPath: string;
  readonly keyPath: string;
};

export interface ConfigFlags {
  home?: string;
  demo?: boolean;
  logLevel?: string;
  logFile?: string | null;
  historyDays?: number;
  toolsets?: string[];
  providers?: Partial<Record<ProviderId, Partial<ProviderConfig>>>;
}

export interface LoadConfigOptions {
  env?: Record<string, string | undefined>;
  flags?: ConfigFlags;
  /** Explicit config file; default `WEARABLES_MCP_CONFIG` or `<home>/config.json` when present. */
  configFile?: string;
}

/** The platform data directory (`~/.local/share/wearables-mcp` on Linux, ...) unless overridden. */
export function defaultHome(env: Record<string, string | undefined>): string {
  return env.WEARABLES_MCP_HOME || envPaths('wearables-mcp', { suffix: '' }).data;
}

/** Loads, validates and freezes the configuration. Throws CONFIG_ERROR naming each bad setting. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? {};
  const flags = options.flags ?? {};
  let home = flags.home ?? defaultHome(env);
  const demo = flags.demo ?? false;
  // The demo never touches the real data directory.
  if (demo) home = join(home, 'demo');

  const configPath = options.configFile ?? env.WEARABLES_MCP_CONFIG ?? join(home, 'config.json');
  const fromFile = readConfigFile(configPath, options.configFile !== undefined || env.WEARABLES_MCP_CONFIG !== undefined);

  const providers = Object.fromEntries(
    PROVIDER_MODULES.map(({ id, endpoints }) => {
      const upper = envPrefix(id);
      const fileProvider = (fromFile.providers as Record<string, Partial<ProviderConfig>> | undefined)?.[id] ?? {};
      const merged = {
        ...endpoints,
        ...fileProvider,
        ...definedOnly({
          clientId: env[`${upper}_CLIENT_ID`],
          clientSecret: env[`${upper}_CLIENT_SECRET`],
          apiBaseUrl: env[`${upper}_API_BASE_URL`],
          authBaseUrl: env[`${upper}_AUTH_BASE_URL`],
          redirectUri: env[`${upper}_REDIRECT_URI`],
        }),
        ...definedOnly(flags.providers?.[id] ?? {}),
      };
      return [id, merged];
    }),
  );

  const envLogFile = env.LOG_FILE;
  const candidate = {
    home,
    demo,
    logLevel: flags.logLevel ?? env.LOG_LEVEL ?? fromFile.logLevel ?? 'info',
    logFile:
      flags.logFile !== undefined
        ? flags.logFile
        : envLogFile !== undefined
          ? envLogFile === ''
            ? null
            : envLogFile
          : fromFile.logFile !== undefined
            ? fromFile.logFile
            : join(home, 'logs', 'wearables-mcp.log'),
    encryptionKey: env.WEARABLES_MCP_ENCRYPTION_KEY || undefined,
    encryptionKeyFile: env.WEARABLES_MCP_ENCRYPTION_KEY_FILE || undefined,
    historyDays: flags.historyDays ?? numberOrUndefined(env.WEARABLES_MCP_HISTORY_DAYS) ?? fromFile.historyDays ?? 90,
    freshnessMinutes: numberOrUndefined(env.WEARABLES_MCP_FRESHNESS_MINUTES) ?? fromFile.freshnessMinutes ?? 5,
    eventRetentionDays: numberOrUndefined(env.WEARABLES_MCP_EVENT_RETENTION_DAYS) ?? fromFile.eventRetentionDays ?? 90,
    toolsets: flags.toolsets ?? listOrUndefined(env.WEARABLES_MCP_TOOLSETS) ?? fromFile.toolsets ?? ['all'],
    providers,
    exportRoots: exportRootsSetting(env, fromFile),
    outputSchemas: booleanOrRaw(env.WEARABLES_MCP_OUTPUT_SCHEMAS) ?? fromFile.outputSchemas ?? false,
    databaseUrl: databaseUrlSetting(env.DATABASE_URL),
    databaseSchema: env.WEARABLES_MCP_DATABASE_SCHEMA || (demo ? 'demo' : 'public'),
  };
  const parsed = configSchema.safeParse(candidate);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new WearablesError('CONFIG_ERROR', `Invalid configuration: ${problems.join('; ')}.`, {
      hint: 'Fix the named settings (environment variables, flags or config.json); see .env.example.',
    });
  }
  const config: Config = {
    ...parsed.data,
    dbPath: join(parsed.data.home, 'wearables.db'),
    tokensPath: join(parsed.data.home, 'tokens.json'),
    keyPath: join(parsed.data.home, '.encryption-key'),
  };
  return deepFreeze(config);
}

/** A set DATABASE_URL must be a postgres URL; its text (it may hold a password) is never repeated. */
function databaseUrlSetting(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  parsePostgresUrl(value.trim());
  return value.trim();
}

function readConfigFile(path: string, required: boolean): Record<string, unknown> {
  if (!existsSync(path)) {
    if (required) throw new WearablesError('CONFIG_ERROR', `Config file not found: ${path}.`, { hint: 'Create it or unset WEARABLES_MCP_CONFIG.' });
    return {};
  }
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new WearablesError('CONFIG_ERROR', `Config file ${path} is not a JSON object.`, {
      hint: 'Fix its JSON syntax or delete it.',
      cause: error,
    });
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined && entry !== '')) as Partial<T>;
}

function numberOrUndefined(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  return Number(value);
}

/** `true`/`1` and `false`/`0` as booleans, unset as undefined, anything else as is (refused by the schema). */
function booleanOrRaw(value: string | undefined): boolean | string | undefined {
  if (value === undefined || value === '') return undefined;
  const normalized = value.trim().toLowerCase();
  if (normalized === 'true' || normalized === '1') return true;
  if (normalized === 'false' || normalized === '0') return false;
  return value;
}

function listOrUndefined(value: string | undefined): string[] | undefined {
  if (value === undefined || value === '') return undefined;
  return value.split(',').map((entry) => entry.trim()).filter(Boolean);
}

/** `WEARABLES_MCP_EXPORT_ROOTS` (split on the platform's path delimiter), else `exportRoots` of the file. */
function exportRootsSetting(env: Record<string, string | undefined>, fromFile: Record<string, unknown>): unknown {
  const value = env.WEARABLES_MCP_EXPORT_ROOTS;
  if (value !== undefined && value !== '') return value.split(delimiter).map((entry) => entry.trim()).filter(Boolean);
  return fromFile.exportRoots ?? [];
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const entry of Object.values(value)) deepFreeze(entry);
    Object.freeze(value);
  }
  return value;
}
