/**
 * `health_check`: auth per provider, cache readable/writable, schema version and (with
 * `live: true`) a cheap authenticated API call per connected provider. Never throws: every probe
 * failure becomes part of the answer.
 */
import { z } from 'zod';
import { errorPayload, toSafeError } from '../../errors.js';
import { defineTool } from '../define-tool.js';

const LIVE_TIMEOUT_MS = 10_000;

const problemText = (error: unknown): string => {
  const payload = errorPayload(toSafeError(error));
  return `${payload.code}: ${payload.message}. Next: ${payload.hint}`;
};

async function attempt<T>(run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; problem: string }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, problem: problemText(error) };
  }
}

const providerSchema = z.object({
  provider: z.string(),
  connected: z.boolean().nullable().describe('Null when the token store could not be read.'),
  token_expires_at: z.string().nullable(),
  live: z.enum(['ok', 'failed', 'skipped']),
  problem: z.string().nullable(),
});

export const healthCheck = defineTool({
  name: 'health_check',
  title: 'Health check',
  description:
    'Checks the server: connection per provider, local cache readable/writable, schema version, and with live: true a real API call per connected provider. Overall healthy, degraded or unhealthy, with what to fix.',
  toolset: 'core',
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  input: z.object({ live: z.boolean().optional().describe('Also call each connected provider\'s API (default false).') }),
  output: z.object({
    status: z.enum(['healthy', 'degraded', 'unhealthy']),
    cache: z.object({ readable: z.boolean(), writable: z.boolean(), schema_version: z.number().nullable(), problem: z.string().nullable() }),
    providers: z.array(providerSchema),
    problems: z.array(z.string()),
  }),
  async handle(input, context) {
    const app = context.app;
    const probe = await attempt(() => app.store.probe());
    const version = await attempt(() => app.store.schemaVersion());
    const cache = {
      readable: probe.ok && probe.value.readable,
      writable: probe.ok && probe.value.writable,
      schema_version: version.ok ? version.value : null,
      problem: probe.ok ? null : probe.problem,
    };
    const providers = await Promise.all(
      [...app.providers.values()].map(async (provider) => {
        const status = await attempt(() => app.tokens.status(provider.id));
        const connected = status.ok ? status.value.connected : null;
        let live: 'ok' | 'failed' | 'skipped' = 'skipped';
        let problem = status.ok ? null : status.problem;
        if (input.live && connected) {
          const signal = AbortSignal.timeout(LIVE_TIMEOUT_MS);
          const result = await attempt(() => provider.probe({ http: app.http(provider.id), signal }));
          live = result.ok ? 'ok' : 'failed';
          if (!result.ok) problem = result.problem;
        }
        return { provider: provider.id, connected, token_expires_at: status.ok ? (status.value.expiresAt ?? null) : null, live, problem };
      }),
    );
    const problems = [
      ...(cache.problem ? [`cache: ${cache.problem}`] : []),
      ...(probe.ok && !cache.writable ? ['cache: not writable; syncs will fail.'] : []),
      ...providers.flatMap((entry) => (entry.problem ? [`${entry.provider}: ${entry.problem}`] : [])),
      ...(providers.some((entry) => entry.connected) ? [] : ['No provider is connected: run `wearables-mcp connect <provider>`.']),
    ];
    const status: 'healthy' | 'degraded' | 'unhealthy' = !cache.readable ? 'unhealthy' : problems.length > 0 ? 'degraded' : 'healthy';
    return { status, cache, providers, problems };
  },
});
