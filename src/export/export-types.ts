/** Types of the export layer: formats, options, results and progress. */
import type { LocalDay, ProviderId } from '../core/types.js';
import type { Provider } from '../providers/provider.js';
import type { StoreReader } from '../store/store.js';
import type { HomeFiles } from './home-files.js';

/** Output formats. `fhir` writes a FHIR R4 Bundle (type collection) of Observations. */
export const EXPORT_FORMATS = ['csv', 'jsonl', 'parquet', 'fhir'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** File name extension per format. */
export const FORMAT_EXTENSIONS: Record<ExportFormat, string> = {
  csv: '.csv',
  jsonl: '.jsonl',
  parquet: '.parquet',
  fhir: '.fhir.json',
};

/** Progress of one file: rows written so far out of `total` (known up front from a count). */
export interface ExportProgress {
  provider: ProviderId;
  resource: string;
  path: string;
  rows: number;
  total: number;
}

export interface ExportOptions {
  store: StoreReader;
  /** Registered providers; their `resources` declarations drive what can be exported. */
  providers: ReadonlyMap<ProviderId, Provider>;
  /** Only this provider; required when `kind` names a resource several providers declare. */
  provider?: ProviderId;
  /** A resource name (`sleep`, `heartrate`, ...) or `all` (one file per resource into `out`). */
  kind: string;
  format: ExportFormat;
  /** The file to write, or for `kind: 'all'` the directory (created if missing). */
  out: string;
  /** First local day, inclusive. */
  start?: LocalDay;
  /** Last local day, inclusive. */
  end?: LocalDay;
  /** Replace existing files (default: refuse with FILE_EXISTS). */
  overwrite?: boolean;
  /**
   * Asked, before anything is written, when `overwrite` is set and some targets exist (their
   * absolute paths). Throws to refuse; nothing is written then.
   */
  confirmOverwrite?: (existing: readonly string[]) => Promise<void>;
  /** The next step given with FILE_EXISTS (default: pass overwrite / --overwrite). */
  existsHint?: string;
  /** The server's own files: never a target (the CLI and the tool always pass them). */
  homeFiles?: HomeFiles;
  /** How a path is named in results' messages (default: as is; the tool: relative to its root). */
  describe?: (path: string) => string;
  /** Called after every page written. May throw to abort: nothing is left under the file name. */
  onProgress?: (progress: ExportProgress) => void;
  /** Rows read from the store per page (default 5000). */
  pageSize?: number;
  /** Clock for the FHIR Bundle timestamp. */
  now?: () => Date;
}

export interface ExportedFile {
  path: string;
  provider: ProviderId;
  resource: string;
  rows: number;
  bytes: number;
}

export interface ExportResult {
  files: ExportedFile[];
}
