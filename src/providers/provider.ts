/**
 * The provider seam. A provider is whatever its factory returns (`createAcmeProvider({...})`):
 * it declares its capabilities and the resources it really delivers, and turns a window of one
 * resource into normalized pages. Nothing in a provider reads `process.env`; config is injected.
 * Sync, tools and docs read these declarations instead of branching on provider ids.
 */
import type { RecordKind } from '../core/records/record.js';
import type { LocalDay, NormalizedRecord, ProviderId, Sample, TimeWindow } from '../core/types.js';
import type { AuthorizedHttp } from '../core/http.js';
import type { OAuthAdapter } from './oauth-adapter.js';
import { WearablesError } from '../core/errors.js';
import type { ProviderWebhooks } from './webhook-capability.js';

/** How a resource is addressed by the provider's list endpoint. */
export type ResourceWindowing =
  /** Listed by local day (`start_date`/`end_date`): windows are `YYYY-MM-DD`, end exclusive. */
  | 'day'
  /** Listed by instant (`start_datetime`/`end_datetime`): windows are ISO datetimes, end exclusive. */
  | 'datetime'
  /** A snapshot with no time axis (profile, ring configuration): always fetched whole. */
  | 'none';

export interface ResourceSpec {
  /** Stable resource name, used in the store, tools, resources and exports (`daily_sleep`). */
  name: string;
  /** Human description for docs and tool descriptions. */
  description: string;
  /** `document`: rows in the records table; `series`: points in the samples table. */
  kind: 'document' | 'series';
  /**
   * The canonical kind every record of a `document` resource is normalized into (its typed
   * `data`); null for a `series` resource, whose points are samples of `series`.
   */
  recordKind: RecordKind | null;
  windowing: ResourceWindowing;
  /** The widest window one request may ask for (the API rejects wider); the sync engine chunks. */
  maxWindowDays: number;
  /**
   * Days before the cursor that every incremental sync fetches again, so late-arriving,
   * re-scored and deleted records inside it are caught.
   */
  overlapDays: number;
  /** For `series` resources: the series name written to the samples table (`heart_rate`). */
  series?: string;
  /**
   * Caps how many days back a first (or full) sync goes for this resource, below the configured
   * history: for resources that cost one request per day (intraday series). Default: no cap.
   */
  historyDays?: number;
  /**
   * The list endpoint can also return every document created or modified after an instant,
   * whatever its date (a `lastupdate` parameter). Incremental runs then add one pass for the changes
   * since the previous run, so edits older than the overlap are caught too. That pass only
   * upserts: deletions and coverage are still proven by the windowed fetches.
   */
  modifiedSince?: boolean;
  /**
   * Hours this resource's data may arrive (or be scored) after its day ended: the open part that
   * reads re-check once per freshness window starts this much earlier. Default 0 (the open day).
   */
  lateDataHours?: number;
}

/** What a provider can do, read by sync, tools and docs. */
export interface ProviderCapabilities {
  /** Data can be pulled by date windows (every provider here). */
  pull: boolean;
  /** The provider can push change notifications (webhooks). */
  webhook: boolean;
  /** OAuth2 authorization code flow is supported. */
  oauth: boolean;
  /** A personal access token / pasted access token can be stored instead of OAuth. */
  personalToken: boolean;
  /** Data comes from a file the user exports and imports (`provider.importer`), not from an API. */
  fileImport?: boolean;
}

/** One page of a fetch, already normalized by the provider's pure normalize step. */
export interface ProviderPage {
  records: NormalizedRecord[];
  samples: Sample[];
  /**
   * Documents on this page that did not match the provider's schema: kept (raw plus the fields
   * that could be read) rather than failing the sync; counted so sync can report them.
   */
  invalid?: number;
}

export interface FetchContext {
  /** Authenticated HTTP: bearer injection, refresh-and-retry on 401, backoff on 429/5xx. */
  http: AuthorizedHttp;
  signal?: AbortSignal;
  /**
   * Set by the engine for a `modifiedSince` resource's change pass (ISO instant): fetch every
   * document created or modified after it instead of the window's dates.
   */
  modifiedSince?: string;
}

/**
 * Where an account's history begins and how fast it may be read back, for `sync --full` (the
 * whole history) and for clamping `since`.
 */
export interface ProviderHistory {
  /**
   * The earliest day this provider can hold data for anyone (its first device shipped later):
   * the fallback when the account cannot tell, and the floor of every `since`.
   */
  earliestDay: LocalDay;
  /**
   * The first local day of this account's data, found from what the account itself offers in a
   * few requests (device set-up dates, the oldest record), never by walking empty years. Null when
   * the account cannot tell; the engine then starts at `earliestDay`.
   */
  historyStart(context: FetchContext): Promise<LocalDay | null>;
  /** The request budget a backfill keeps to: at most `requests` per `perMs` (the provider's limit). */
  budget: { requests: number; perMs: number };
}

/** What an import reads besides the file: cancellation and the app clock. */
export interface ImportContext {
  signal?: AbortSignal;
  /** Epoch ms (the app clock). */
  now: number;
}

/**
 * A file source (`capabilities.fileImport`): turns a file the user exported from the device's app
 * into normalized pages, streamed (an export can be gigabytes), so the engine stores them page by
 * page exactly like a fetched window.
 */
export interface ProviderImporter {
  /** File names it reads, for help and errors (`export.zip`, `export.xml`). */
  accepts: readonly string[];
  /** Reads the file at `path` (already confined by the caller) and yields normalized pages. */
  read(path: string, context: ImportContext): AsyncIterable<ProviderPage>;
}

/**
 * Single documents fetched by id (an API with get-by-id endpoints). Only the sync engine calls
 * it (`SyncService.fetchRecordsById`), so what it returns is stored under the provider lock, in
 * an audited run, with change events, like every other write.
 */
export interface RecordFetcher {
  /** The lookups it offers (`cycle`, `cycle_sleep` ...) and the resource each one yields. */
  kinds: Readonly<Record<string, string>>;
  fetch(kind: string, id: string, context: FetchContext): Promise<NormalizedRecord>;
}

/**
 * Recordings too large to store (ECG or stethoscope waveforms), read live on demand by the
 * provider's own tools and resources, which know the shape `Signal` of what `read` returns.
 */
export interface SignalReader<Signal = unknown> {
  /** The signal kinds it reads (`heart`, `stetho` ...). */
  kinds: readonly string[];
  read(kind: string, signalId: number, context: FetchContext): Promise<Signal>;
}

export interface Provider {
  id: ProviderId;
  displayName: string;
  capabilities: ProviderCapabilities;
  resources: readonly ResourceSpec[];
  /** OAuth specifics (authorize URL, token exchange, refresh, revoke); absent for a file source. */
  oauth?: OAuthAdapter;
  /** The file import of a file source (`capabilities.fileImport`). */
  importer?: ProviderImporter;
  /**
   * Fetches every page of one resource in one window (window no wider than `maxWindowDays`),
   * following the provider's paging to the end. Throws `WearablesError` on failure; a caller
   * must treat a window as synced only when the iterator completed.
   */
  fetchWindow(resource: ResourceSpec, window: TimeWindow, context: FetchContext): AsyncIterable<ProviderPage>;
  /** A cheap authenticated call used by `health_check` live probes. */
  probe(context: FetchContext): Promise<void>;
  /** Webhook verification and subscription API, for providers with `capabilities.webhook`. */
  webhooks?: ProviderWebhooks;
  /** History start and backfill budget; without it a full sync covers the configured history days. */
  history?: ProviderHistory;
  /** Get-by-id lookups, for providers whose API has them (written through the sync engine). */
  recordsById?: RecordFetcher;
  /** On-demand signals, for providers that record waveforms. */
  signals?: SignalReader;
}

/** A provider that connects through OAuth (every pull provider so far). */
export type OAuthProvider = Provider & { oauth: OAuthAdapter };

/** The provider's OAuth adapter, or a VALIDATION_ERROR saying it has none (a file source). */
export function oauthOf(provider: Provider): OAuthAdapter {
  if (provider.oauth) return provider.oauth;
  throw new WearablesError('VALIDATION_ERROR', `${provider.displayName} has no OAuth: its data is imported from a file.`, {
    hint: `Use \`wearables-mcp import ${provider.id} <file>\` instead of connect.`,
  });
}

/** Finds a resource spec by name or throws a VALIDATION_ERROR listing the valid names. */
export function resourceSpec(provider: Provider, name: string): ResourceSpec {
  const spec = provider.resources.find((resource) => resource.name === name);
  if (spec) return spec;
  throw new WearablesError(
    'VALIDATION_ERROR',
    `Unknown ${provider.id} resource "${name}". Valid: ${provider.resources.map((r) => r.name).join(', ')}.`,
    { hint: 'Use one of the listed resource names.' },
  );
}
