/**
 * `POST /sync` (seed 004's manual sync trigger, for automation): runs an incremental sync of one
 * provider (`{"provider":"<id>"}` or `?provider=<id>`) or of every connected one, and answers
 * the run summary in the shape of the `sync` tool (`results`: provider, run_id, status, counts
 * per resource, error, notices). Bounded: one triggered run per provider at a time (409 while it
 * runs, or while another process holds the provider's sync), and at most one per provider per
 * cooldown (429 with Retry-After). The account is the request's (`contextOf`), as for `/mcp`.
 */
import { Hono, type Context, type Env } from 'hono';
import { z } from 'zod';
import type { ProviderId } from '../core/types.js';
import type { Logger } from '../logging/logger.js';
import type { HostContext } from '../mcp/host-context.js';
import { errorPayload, toSafeError } from '../mcp/errors.js';
import type { ProviderSyncResult } from '../sync/sync-service.js';
import { payloadTooLarge, readBodyLimited } from './read-body.js';

export interface SyncRouteOptions<E extends Env = Env> {
  contextOf(c: Context<E>): HostContext | Promise<HostContext>;
  /** Shortest time between the ends and starts of two triggered runs of one provider (default 60 s). */
  cooldownMs?: number;
  logger: Logger;
  now?: () => number;
}

interface ProviderState {
  running: boolean;
  finishedAt?: number;
}

const MAX_BODY_BYTES = 1024;
const bodySchema = z.object({ provider: z.string().min(1).max(40).optional() }).strict();

const refuse = (status: number, error: string, description: string, headers: Record<string, string> = {}) =>
  Response.json({ error, error_description: description }, { status, headers });

/** Builds the route (mount at `/sync` behind the bearer check). */
export function createSyncRoute<E extends Env = Env>(options: SyncRouteOptions<E>): Hono<E> {
  const cooldownMs = options.cooldownMs ?? 60_000;
  const now = options.now ?? Date.now;
  // Per account (host context) and provider; a context that is closed and collected takes its state along.
  const states = new WeakMap<HostContext, Map<ProviderId, ProviderState>>();
  const stateOf = (context: HostContext, provider: ProviderId): ProviderState => {
    let table = states.get(context);
    if (!table) states.set(context, (table = new Map()));
    let state = table.get(provider);
    if (!state) table.set(provider, (state = { running: false }));
    return state;
  };

  const app = new Hono<E>();
  app.post('/', async (c) => {
    const body = await readBodyLimited(c.req.raw, MAX_BODY_BYTES);
    if (!body.ok) return payloadTooLarge(MAX_BODY_BYTES);
    let parsed: unknown = {};
    if (body.text.trim() !== '') {
      try {
        parsed = JSON.parse(body.text);
      } catch {
        return refuse(400, 'invalid_request', 'The body is not JSON: send {} or {"provider":"<id>"} (or no body), with Content-Type: application/json.');
      }
    }
    const input = bodySchema.safeParse(parsed);
    if (!input.success) return refuse(400, 'invalid_request', 'The body may only hold "provider" (a provider id string): send {} or {"provider":"<id>"}.');
    const queryProvider = c.req.query('provider');
    if (queryProvider !== undefined && input.data.provider !== undefined && queryProvider !== input.data.provider) {
      return refuse(400, 'invalid_request', 'The query and the body name different providers: name one.');
    }
    const named = (input.data.provider ?? queryProvider)?.slice(0, 40);

    const context = await options.contextOf(c);
    const pulled = [...context.providers.values()].filter((provider) => provider.capabilities.pull);
    let selected: ProviderId[];
    if (named !== undefined) {
      const provider = pulled.find((candidate) => candidate.id === named);
      if (!provider) return refuse(400, 'invalid_request', `"${named}" is not a provider this server syncs; use one of: ${pulled.map((p) => p.id).join(', ')}.`);
      selected = [provider.id];
    } else {
      const connected = await Promise.all(pulled.map(async (provider) => ((await context.tokens.isConnected(provider.id)) ? provider.id : null)));
      selected = connected.filter((id): id is ProviderId => id !== null);
    }

    const time = now();
    for (const provider of selected) {
      const state = stateOf(context, provider);
      if (state.running) return refuse(409, 'sync_in_progress', `A sync of ${provider} started through POST /sync is still running; its summary goes to the request that started it. Retry after it finished.`);
      if (state.finishedAt !== undefined && time - state.finishedAt < cooldownMs) {
        const seconds = Math.max(1, Math.ceil((state.finishedAt + cooldownMs - time) / 1000));
        return refuse(429, 'too_soon', `${provider} was synced through POST /sync ${Math.round((time - state.finishedAt) / 1000)} s ago; one triggered sync per provider per ${Math.round(cooldownMs / 1000)} s. Retry in ${seconds} s.`, { 'Retry-After': String(seconds) });
      }
    }
    for (const provider of selected) stateOf(context, provider).running = true;

    let elsewhere: string | undefined;
    const run = async (provider: ProviderId): Promise<ProviderSyncResult[]> => {
      // A sync of this provider held by another process: refuse instead of queueing behind it.
      const abort = new AbortController();
      try {
        const report = await context.sync.sync({
          providers: [provider],
          signal: abort.signal,
          onWait: (wait) => {
            elsewhere ??= wait.message;
            abort.abort();
          },
        });
        return report.results;
      } finally {
        const state = stateOf(context, provider);
        state.running = false;
        if (!abort.signal.aborted) state.finishedAt = now();
      }
    };
    const results = (await Promise.all(selected.map(run))).flat();
    if (elsewhere !== undefined) {
      return refuse(409, 'sync_in_progress', `Not started: ${elsewhere}. Retry after it finished.`);
    }
    options.logger.info({ providers: selected, statuses: results.map((result) => result.status) }, 'sync triggered through POST /sync');
    return c.json({
      results: results.map((result) => ({
        provider: result.provider,
        run_id: result.runId,
        status: result.status,
        counts: result.counts,
        error: result.error ? errorPayload(toSafeError(result.error)) : null,
        notices: result.notices ?? [],
      })),
    });
  });
  app.all('/', () => refuse(405, 'method_not_allowed', 'POST /sync starts a sync; send POST with {} or {"provider":"<id>"}.', { Allow: 'POST' }));
  return app;
}
