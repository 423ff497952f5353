/** `get_auth_status`: per provider: connected, token kind, expiry, refreshable, last sync. No secrets. */
import { z } from 'zod';
import { defineTool } from '../define-tool.js';

const providerSchema = z.object({
  provider: z.string(),
  display_name: z.string(),
  connected: z.boolean(),
  kind: z.enum(['oauth', 'personal']).nullable().describe('oauth (refreshable grant) or personal (pasted token).'),
  expires_at: z.string().nullable(),
  expires_in_seconds: z.number().nullable(),
  refreshable: z.boolean().nullable(),
  scope: z.string().nullable(),
  last_sync: z
    .object({ started_at: z.string(), finished_at: z.string().nullable(), status: z.string(), mode: z.string() })
    .nullable(),
  next_step: z.string().nullable().describe('What to do when the provider is not usable.'),
});

export const getAuthStatus = defineTool({
  name: 'get_auth_status',
  title: 'Connection status',
  description:
    'Which wearable providers are connected: token kind, expiry, whether it refreshes automatically, and the last sync run. Never returns tokens or ids.',
  toolset: 'core',
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  input: z.object({}),
  output: z.object({ providers: z.array(providerSchema) }),
  async handle(_input, context) {
    const providers = await Promise.all(
      [...context.app.providers.values()].map(async (provider) => {
        const status = await context.app.tokens.status(provider.id);
        const [run] = await context.app.store.listSyncRuns({ provider: provider.id, limit: 1 });
        const expired = status.expiresInSeconds !== undefined && status.expiresInSeconds <= 0 && !status.refreshable;
        return {
          provider: provider.id,
          display_name: provider.displayName,
          connected: status.connected,
          kind: status.kind ?? null,
          expires_at: status.expiresAt ?? null,
          expires_in_seconds: status.expiresInSeconds ?? null,
          refreshable: status.refreshable ?? null,
          scope: status.scope ?? null,
          last_sync: run ? { started_at: run.startedAt, finished_at: run.finishedAt, status: run.status, mode: run.mode } : null,
          next_step: provider.importer
            ? // A file source connects nothing: its data arrives by import.
              run
              ? null
              : `Ask the user to export from the ${provider.displayName} app, copy the file into the import folder and call import_data (or run \`wearables-mcp import ${provider.id} <file>\`).`
            : !status.connected
            ? `Run \`wearables-mcp connect ${provider.id}\` in a terminal to connect ${provider.displayName}.`
            : status.nextStep
              ? status.nextStep
              : expired
              ? `The token expired; reconnect with \`wearables-mcp connect ${provider.id}\`.`
              : run
                ? null
                : 'Connected but never synced: call the sync tool.',
        };
      }),
    );
    return { providers };
  },
});
