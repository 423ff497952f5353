/**
 * `export_data`: writes cached records to a file (CSV, JSONL, Parquet or a FHIR R4 Bundle) and
 * answers with the paths (relative to the export root), row counts and sizes, never the data.
 * Pure cache reads: run `sync` first for fresh data. A model only ever creates new files under
 * an export root (`<home>/exports`, or a root the user configured); replacing a file needs the
 * user's own confirmation through MCP elicitation.
 */
import { z } from 'zod';
import { PROVIDER_IDS } from '../../../providers/registry.js';
import { MAX_RELATIVE_PATH } from '../../../export/confined-path.js';
import { EXPORT_FORMATS } from '../../../export/export-types.js';
import { homeFilesOf } from '../../../export/home-files.js';
import { resolveRootedPath } from '../../../export/rooted-path.js';
import { defineTool } from '../define-tool.js';
import { confirmOverwrite, overwriteCommand } from './export-overwrite.js';

// The writers (CSV, Parquet) load on first use: they are not needed to start the server.

export const exportDataTool = defineTool({
  name: 'export_data',
  title: 'Export cached data to a file',
  description:
    'Write cached records of one resource (or kind "all": one file per resource) as csv, jsonl, parquet or fhir (R4 Bundle) into the export folder; path is relative to it. Local cache only (run sync first). Returns paths, rows and bytes, not the data. Existing files are refused; overwrite: true asks the user.',
  toolset: 'core',
  annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false, destructiveHint: false },
  keyParameters: ['kind', 'format', 'path', 'provider', 'start_date', 'end_date', 'overwrite', 'root'],
  input: z.object({
    kind: z.string().min(1).max(100).describe('A resource name (sleep, daily_activity, heartrate, ...) or "all".'),
    format: z.enum(EXPORT_FORMATS).describe('csv | jsonl | parquet | fhir'),
    path: z.string().min(1).max(MAX_RELATIVE_PATH).describe('File to write (a directory for kind "all"), relative to the export folder, e.g. "sleep.csv" or "2024/sleep.csv".'),
    provider: z.enum(PROVIDER_IDS).optional().describe('Needed when several providers have the resource; for "all", default every provider with data.'),
    start_date: z.iso.date().optional().describe('First local day, YYYY-MM-DD (inclusive).'),
    end_date: z.iso.date().optional().describe('Last local day, YYYY-MM-DD (inclusive).'),
    overwrite: z.boolean().optional().describe('Replace existing files after the user confirms (default false: FILE_EXISTS).'),
    root: z.string().min(1).max(100).optional().describe('Export folder by name (default "exports"); others exist only if the user configured them.'),
  }),
  output: z.object({
    root: z.string(),
    files: z.array(
      z.object({ path: z.string(), provider: z.string(), resource: z.string(), rows: z.number().int(), bytes: z.number().int() }),
    ),
    total_rows: z.number().int(),
  }),
  async handle(input, context) {
    const config = context.app.config;
    const place = await resolveRootedPath(config, input.root, input.path, input.kind);
    const command = overwriteCommand(input, place.root, config.demo);
    const result = await (await import('../../../export/export-data.js')).exportData({
      store: context.app.store,
      providers: context.app.providers,
      kind: input.kind,
      format: input.format,
      out: place.out,
      ...(input.provider ? { provider: input.provider } : {}),
      ...(input.start_date ? { start: input.start_date } : {}),
      ...(input.end_date ? { end: input.end_date } : {}),
      ...(input.overwrite ? { overwrite: true } : {}),
      homeFiles: homeFilesOf(config),
      describe: place.describe,
      existsHint: 'Choose another path, or call again with overwrite: true to ask the user to confirm replacing it.',
      confirmOverwrite: (existing) => confirmOverwrite(existing.map(place.describe), place.root, context.confirmation, command),
      now: () => context.app.now(),
      onProgress: (progress) => context.progress(progress.rows, progress.total, `${progress.provider}/${progress.resource}`),
    });
    const files = result.files.map((file) => ({ ...file, path: place.describe(file.path) }));
    return { root: place.root, files, total_rows: files.reduce((sum, file) => sum + file.rows, 0) };
  },
});
