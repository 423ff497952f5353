/**
 * The Withings sub-app (mounted at `/withings`): OAuth and signature routes, and the data
 * services. Each data call: bearer check (envelope 401), the 120-a-minute budget (envelope 601),
 * injected envelope faults, then the service — always HTTP 200 with `{ status, body }`.
 */
import { Hono } from 'hono';
import { logCall, requestParams, takeEnvelopeFault, type WithingsContext } from './context.js';
import { createWithingsOAuthRoutes, envelope } from './oauth-routes.js';
import { SERVICES } from './services.js';

/** Builds the Withings Hono app for a context. */
export function createWithingsApp(ctx: WithingsContext): Hono {
  const app = new Hono();
  app.route('/', createWithingsOAuthRoutes(ctx));
  for (const [path, actions] of Object.entries(SERVICES)) {
    app.on(['GET', 'POST'], path, async (c) => {
      const params = await requestParams(c.req.raw);
      const action = params.get('action') ?? '';
      const answer = (status: number, body: unknown = {}, error?: string) => {
        logCall(ctx, path, params, status);
        return envelope(c, status, body, error);
      };
      ctx.counters.dataRequests += 1;
      const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? params.get('access_token');
      if (ctx.tokens.check(bearer ?? null) !== 'ok') {
        ctx.counters.unauthorized += 1;
        return answer(401, {}, 'XRequestID: Not provided invalid_token: The access token provided is invalid');
      }
      // Withings says how long to wait (recorded error_601_too_many_requests_1.json: wait_seconds 68).
      const budget = ctx.rateLimiter.hit(ctx.clock.nowMs());
      if (!budget.allowed) return answer(601, { wait_seconds: budget.resetSeconds }, 'Too Many Requests');
      const fault = takeEnvelopeFault(ctx, action);
      if (fault !== null) return answer(fault, {}, 'Injected fault');
      const service = actions[action];
      if (!service) return answer(2554, {}, 'Not implemented');
      const result = service(ctx, params);
      return answer(result.status, result.body ?? {}, result.error);
    });
  }
  return app;
}
