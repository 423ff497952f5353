/**
 * A provider module: everything the project knows about one provider, declared once in
 * `src/providers/<id>/index.ts` and listed once in `registry.ts`. Config, the MCP server, the day
 * view, the FHIR export, the report, the CLI and the docs read these declarations; no file outside
 * the provider's folder (and the simulator) names a provider.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import type { FetchLike } from '../core/http.js';
import type { ToolServices } from '../mcp/tools/tool-services.js';
import type { ResourceMapping } from '../analysis/source-mapping.js';
import type { MetricSource } from '../export/fhir/metric-types.js';
import type { ToolDefinition } from '../mcp/tools/define-tool.js';
import type { Provider, ProviderCapabilities, ResourceSpec } from './provider.js';

/** Where a provider's API and authorization server live. */
export interface ProviderEndpoints {
  apiBaseUrl: string;
  authBaseUrl: string;
}

/** The settings config hands a provider factory (env `<ID>_CLIENT_ID` ..., file, flags, defaults). */
export interface ProviderSettings extends Partial<ProviderEndpoints> {
  clientId?: string;
  clientSecret?: string;
  redirectUri?: string;
}

/**
 * Headline precedence in the cross-device day view: a rank per metric group (`sleep`, `heart`,
 * `readiness`, `activity`, `body`) or per metric name (which wins over its group). Lower ranks
 * win; a provider without a rank for a metric comes after every ranked one.
 */
export type HeadlineRanks = Readonly<Record<string, number>>;

export interface ProviderModule<Id extends string = string> {
  /** Stable id: store rows, tool names' toolset, env prefix (`acme-band` → `ACME_BAND_`). */
  id: Id;
  displayName: string;
  /** One line on what the provider measures, for the server instructions and docs. */
  about: string;
  /** Real endpoints (overridden by `<ID>_API_BASE_URL` / `<ID>_AUTH_BASE_URL`); none for a file source. */
  endpoints?: ProviderEndpoints;
  capabilities: ProviderCapabilities;
  resources: readonly ResourceSpec[];
  /** Builds the provider from its settings; nothing in it reads `process.env`. */
  createProvider(settings: ProviderSettings, fetch?: FetchLike): Provider;
  /**
   * Loads the provider's own MCP tools (toolset = the provider id), visible while it is connected.
   * A lazy import, so starting a server evaluates no tool module (tools/list comes from the
   * build's manifest; src/mcp/tools/tool-manifest.ts). Absent for a provider without tools of
   * its own (a file source, served by the generic `import_data` and the insights).
   */
  loadTools?(): Promise<readonly ToolDefinition[]>;
  /** Extra MCP resource templates (registered before the generic `wearables://` ones). */
  registerResources?(server: McpServer, context: ToolServices): void;
  /** How its stored records feed the cross-device day view, and where its values rank. */
  dayView: { mappings: readonly ResourceMapping[]; headline: HeadlineRanks };
  /** Which of its canonical fields feed which FHIR metric. */
  fhirSources: readonly MetricSource[];
  /** `wearables-mcp connect <id>` help: what to register and which variables to set. */
  connectHelp: string;
  /** Its series colour in the HTML report. */
  reportColor: string;
  /** Present when the built-in simulator imitates it: the demo connects and syncs it. */
  demo?: {
    /** One letter marking its headline values in the demo's week table. */
    mark: string;
  };
}

/** Identity helper that keeps the literal id type of a module (so the registry can derive the id union). */
export function defineProviderModule<const Id extends string>(module: ProviderModule<Id>): ProviderModule<Id> {
  return module;
}

/** The environment variable prefix of a provider id: `acme` → `ACME`, `acme-band` → `ACME_BAND`. */
export function envPrefix(id: string): string {
  return id.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** The factory options of an OAuth provider: its endpoints (settings over defaults) and the set client credentials. */
export function oauthProviderOptions(
  endpoints: ProviderEndpoints,
  settings: ProviderSettings,
  fetch?: FetchLike,
): ProviderEndpoints & { clientId?: string; clientSecret?: string; fetch?: FetchLike } {
  return {
    apiBaseUrl: settings.apiBaseUrl ?? endpoints.apiBaseUrl,
    authBaseUrl: settings.authBaseUrl ?? endpoints.authBaseUrl,
    ...(settings.clientId ? { clientId: settings.clientId } : {}),
    ...(settings.clientSecret ? { clientSecret: settings.clientSecret } : {}),
    ...(fetch ? { fetch } : {}),
  };
}
