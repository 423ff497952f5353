/** `sync`: pulls new data from connected providers into the local cache, with progress notifications. */
import { z } from 'zod';
import { WearablesError } from '../../../core/errors.js';
import { PROVIDER_MODULES } from '../../../providers/registry.js';
import { errorPayload, toSafeError } from '../../errors.js';
import { defineTool } from '../define-tool.js';

/** The providers pulled from an API (a file source is imported instead, with import_data). */
const PULLED = PROVIDER_MODULES.filter((module) => module.capabilities.pull).map((module) => module.id) as [string, ...string[]];

const countsSchema = z.object({
  fetched: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  deleted: z.number(),
});

const resultSchema = z.object({
  provider: z.string(),
  run_id: z.number(),
  status: z.enum(['running', 'ok', 'partial', 'failed']),
  counts: z.record(z.string(), countsSchema).describe('Per resource.'),
  error: z
    .object({ code: z.string(), message: z.string(), hint: z.string(), retry_after_seconds: z.number().nullable() })
    .nullable(),
  notices: z.array(z.string()).describe('What the sync decided about the range: a since clamped to the history start, where a full backfill started, what it resumed.'),
});

export const syncTool = defineTool({
  name: 'sync',
  clampedDays: ['since'],
  title: 'Sync provider data',
  description:
    'Pulls new or changed data from connected providers into the local cache (incremental; full: true backfills the whole history, paced to the provider\'s limits, resuming an interrupted run). Returns per-resource counts and notices.',
  toolset: 'core',
  annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: true, destructiveHint: false },
  input: z.object({
    provider: z.enum(PULLED).optional().describe('Only this provider (default: every connected provider).'),
    full: z.boolean().optional().describe("Backfill the whole history from the account's first day (resumes an interrupted full sync)."),
    since: z.iso.date().optional().describe("Start day YYYY-MM-DD for this run (overrides cursors); days before the provider's history start are clamped to it."),
    resources: z.array(z.string().min(1)).min(1).optional().describe('Only these resources (e.g. daily_sleep, heartrate).'),
  }),
  output: z.object({ results: z.array(resultSchema) }),
  async handle(input, context) {
    if (input.provider && !context.app.providers.has(input.provider)) {
      throw new WearablesError('NOT_CONNECTED', `${input.provider} is not configured on this server`, {
        hint: 'Call get_auth_status to see the available providers.',
      });
    }
    let step = 0;
    const report = await context.app.sync.sync({
      ...(input.provider ? { providers: [input.provider] } : {}),
      ...(input.resources ? { resources: input.resources } : {}),
      ...(input.full !== undefined ? { full: input.full } : {}),
      ...(input.since ? { since: input.since } : {}),
      signal: context.signal,
      onProgress: (progress) => {
        step += 1;
        context.progress(step, undefined, `${progress.provider}/${progress.resource}: ${progress.done}/${progress.total} windows, ${progress.fetched} fetched`);
      },
      onWait: (wait) => {
        step += 1;
        context.progress(step, undefined, wait.message);
      },
    });
    return {
      results: report.results.map((result) => ({
        provider: result.provider,
        run_id: result.runId,
        status: result.status,
        counts: result.counts,
        error: result.error ? errorPayload(toSafeError(result.error)) : null,
        notices: result.notices ?? [],
      })),
    };
  },
});
