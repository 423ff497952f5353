/**
 * `export_data`: writes cached records to a file (CSV, JSONL, Parquet or a FHIR R4 Bundle) and
 * answers with the paths, row counts and sizes, never the data. Pure cache reads: run `sync`
 * first for fresh data. Relative paths are resolved under `<home>/exports`.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { PROVIDER_IDS } from '../../../core/types.js';
import { EXPORT_FORMATS } from '../../../export/export-types.js';
import { defineTool } from '../define-tool.js';

// The writers (CSV, Parquet) load on first use: they are not needed to start the server.

export const exportDataTool = defineTool({
  name: 'export_data',
  title: 'Export cached data to a file',
  description:
    'Write cached records of one resource (or kind "all": one file per resource into a directory) as csv, jsonl, parquet or fhir (FHIR R4 Bundle of Observations). Reads the local cache only (run sync first). Returns file paths, rows and bytes, not the data. Existing files are refused unless overwrite is true.',
  toolset: 'core',
  annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false, destructiveHint: false },
  keyParameters: ['kind', 'format', 'path', 'provider', 'start_date', 'end_date', 'overwrite'],
  input: z.object({
    kind: z.string().min(1).describe('A resource name (sleep, daily_activity, heartrate, ...) or "all".'),
    format: z.enum(EXPORT_FORMATS).describe('csv | jsonl | parquet | fhir'),
    path: z.string().min(1).describe('File to write (a directory for kind "all"); relative paths go under <home>/exports.'),
    provider: z.enum(PROVIDER_IDS).optional().describe('Needed when several providers have the resource; for "all", default every provider with data.'),
    start_date: z.iso.date().optional().describe('First local day, YYYY-MM-DD (inclusive).'),
    end_date: z.iso.date().optional().describe('Last local day, YYYY-MM-DD (inclusive).'),
    overwrite: z.boolean().optional().describe('Replace existing files (default false: FILE_EXISTS).'),
  }),
  output: z.object({
    files: z.array(
      z.object({ path: z.string(), provider: z.string(), resource: z.string(), rows: z.number().int(), bytes: z.number().int() }),
    ),
    total_rows: z.number().int(),
  }),
  async handle(input, context) {
    const out = isAbsolute(input.path) ? input.path : resolve(join(context.app.config.home, 'exports'), input.path);
    const result = await (await import('../../../export/export-data.js')).exportData({
      store: context.app.store,
      providers: context.app.providers,
      kind: input.kind,
      format: input.format,
      out,
      ...(input.provider ? { provider: input.provider } : {}),
      ...(input.start_date ? { start: input.start_date } : {}),
      ...(input.end_date ? { end: input.end_date } : {}),
      ...(input.overwrite ? { overwrite: true } : {}),
      now: () => context.app.now(),
      onProgress: (progress) => context.progress(progress.rows, progress.total, `${progress.provider}/${progress.resource}`),
    });
    return { files: result.files, total_rows: result.files.reduce((sum, file) => sum + file.rows, 0) };
  },
});
