/**
 * `import_data`: imports an export file the user put in the import folder, for a provider whose
 * data comes from files (no API). The path is relative to `<home>/imports` or to a root the
 * user configured; links are never followed and nothing outside those folders can be named.
 */
import { z } from 'zod';
import { resolveImportFile } from '../../../export/import-path.js';
import { MAX_RELATIVE_PATH } from '../../../export/confined-path.js';
import { errorPayload, toSafeError } from '../../errors.js';
import { defineTool } from '../define-tool.js';

const countsSchema = z.object({ fetched: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), deleted: z.number() });

export const importDataTool = defineTool({
  name: 'import_data',
  title: 'Import a file',
  description: 'Imports an export file from the import folder (file-based providers); adds only what is new.',
  toolset: 'core',
  annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false, destructiveHint: false },
  input: z.object({
    provider: z.string().min(1).max(40),
    path: z.string().min(1).max(MAX_RELATIVE_PATH).describe('e.g. export.zip'),
    root: z.string().min(1).max(100).optional(),
  }),
  output: z.object({
    provider: z.string(),
    file: z.string().describe('The file imported, relative to its root.'),
    run_id: z.number(),
    status: z.enum(['running', 'ok', 'partial', 'failed']),
    counts: z.record(z.string(), countsSchema).describe('Per resource or series.'),
    error: z.object({ code: z.string(), message: z.string(), hint: z.string(), retry_after_seconds: z.number().nullable() }).nullable(),
  }),
  async handle(input, context) {
    const target = await resolveImportFile(context.app.config, input.root, input.path);
    let step = 0;
    const result = await context.app.sync.importFile({
      provider: input.provider,
      path: target.file,
      signal: context.signal,
      onProgress: (progress) => {
        step += 1;
        context.progress(step, undefined, `${progress.provider}: ${progress.records} records, ${progress.samples} samples read`);
      },
      onWait: (wait) => {
        step += 1;
        context.progress(step, undefined, wait.message);
      },
    });
    return {
      provider: result.provider,
      file: `${target.root}/${target.shown}`,
      run_id: result.runId,
      status: result.status,
      counts: result.counts,
      error: result.error ? errorPayload(toSafeError(result.error)) : null,
    };
  },
});
