/**
 * `exportData`: writes cached records of any provider resource as CSV, JSONL, Parquet or a FHIR
 * R4 Bundle. Pure cache reads (never calls a provider); every file is written atomically; an
 * existing file is refused with FILE_EXISTS unless `overwrite`; an empty window still writes a
 * valid file. Everything is driven by the providers' `resources` declarations and the generic
 * record shape, so a provider added later exports without changes here.
 */
import { WearablesError } from '../core/errors.js';
import { isDay } from '../core/time/days.js';
import { assertWritable, entryAt, writeAtomically } from './atomic-file.js';
import { resolveTargets, type ExportTarget } from './export-targets.js';
import { assertNotHomeFile } from './home-files.js';
import { EXPORT_FORMATS, type ExportedFile, type ExportOptions, type ExportResult } from './export-types.js';
import { writeBundle } from './fhir/bundle-export.js';
import { sourcesFor } from './fhir/metrics.js';
import { DEFAULT_PAGE_SIZE } from './store-pages.js';
import { writeTable } from './table-export.js';

/** Exports `options.kind` of the cache to `options.out`; returns each file's path, rows and bytes. */
export async function exportData(options: ExportOptions): Promise<ExportResult> {
  validateOptions(options);
  const describe = options.describe ?? ((path: string) => path);
  // Before any folder is created: `out` itself (a file, or the folder of kind "all").
  if (options.homeFiles) await assertNotHomeFile(options.out, options.homeFiles, describe(options.out));
  const targets = await resolveTargets({
    store: options.store,
    providers: options.providers,
    ...(options.provider ? { provider: options.provider } : {}),
    kind: options.kind,
    format: options.format,
    out: options.out,
    supports: (provider, spec) => options.format !== 'fhir' || sourcesFor(provider.id, spec.name).length > 0,
    describe,
  });
  const overwrite = options.overwrite ?? false;
  // Refuse before writing anything, so `all` never stops half-way on an existing file.
  for (const target of targets) {
    if (options.homeFiles) await assertNotHomeFile(target.path, options.homeFiles, describe(target.path));
    assertWritable(target.path, overwrite, describe(target.path), options.existsHint);
  }
  const existing = targets.filter((target) => entryAt(target.path) === 'file').map((target) => target.path);
  if (overwrite && existing.length > 0 && options.confirmOverwrite) await options.confirmOverwrite(existing);
  const files: ExportedFile[] = [];
  for (const target of targets) files.push(await exportTarget(options, target, overwrite, describe));
  return { files };
}

async function exportTarget(options: ExportOptions, target: ExportTarget, overwrite: boolean, describe: (path: string) => string): Promise<ExportedFile> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const onPage = (rows: number, total: number): void =>
    options.onProgress?.({ provider: target.provider.id, resource: target.spec.name, path: target.path, rows, total });
  const window = { ...(options.start ? { start: options.start } : {}), ...(options.end ? { end: options.end } : {}) };
  let rows = 0;
  try {
    const bytes = await writeAtomically(target.path, overwrite, async (tempPath) => {
      rows =
        options.format === 'fhir'
          ? await writeBundle({ store: options.store, target, ...window, pageSize, now: options.now ?? (() => new Date()), onPage }, tempPath)
          : await writeTable({ store: options.store, target, format: options.format, ...window, pageSize, onPage }, tempPath);
    }, describe(target.path));
    return { path: target.path, provider: target.provider.id, resource: target.spec.name, rows, bytes };
  } catch (error) {
    if (error instanceof WearablesError) throw error;
    const code = isFileSystemError(error) ? 'FILE_ERROR' : 'EXPORT_ERROR';
    throw new WearablesError(code, `Export of ${target.provider.id}/${target.spec.name} to ${describe(target.path)} failed: ${messageOf(error)}`, {
      hint: 'Check that the directory exists and is writable and the disk is not full, then retry; nothing was left under the file name.',
      cause: error,
    });
  }
}

/** A Node file-system failure (EACCES, ENOSPC, ...), as opposed to a store or encoding failure. */
function isFileSystemError(error: unknown): boolean {
  const failure = error as NodeJS.ErrnoException | undefined;
  return typeof failure?.code === 'string' && typeof failure.syscall === 'string';
}

function validateOptions(options: ExportOptions): void {
  if (!(EXPORT_FORMATS as readonly string[]).includes(options.format)) {
    throw new WearablesError('VALIDATION_ERROR', `Unknown export format "${String(options.format)}".`, { hint: `Use one of: ${EXPORT_FORMATS.join(', ')}.` });
  }
  for (const [name, day] of [['start', options.start], ['end', options.end]] as const) {
    if (day !== undefined && !isDay(day)) {
      throw new WearablesError('VALIDATION_ERROR', `${name} must be a day like 2026-01-31, got "${day}".`, { hint: 'Pass days as YYYY-MM-DD.' });
    }
  }
  if (options.start && options.end && options.start > options.end) {
    throw new WearablesError('VALIDATION_ERROR', `start ${options.start} is after end ${options.end}.`, { hint: 'Swap the dates: both are inclusive.' });
  }
  if (options.pageSize !== undefined && (!Number.isInteger(options.pageSize) || options.pageSize < 1)) {
    throw new WearablesError('VALIDATION_ERROR', 'pageSize must be a positive integer.', { hint: 'Leave pageSize out for the default.' });
  }
}

function messageOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ? code : error instanceof Error ? error.message : String(error);
}
