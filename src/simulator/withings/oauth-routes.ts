/**
 * Withings OAuth: `GET /oauth2_user/authorize2` (comma-separated scopes, `state` required, no
 * PKCE), `POST /v2/oauth2` (`action=requesttoken` for codes and refresh tokens, `action=revoke`
 * signed with a nonce) and `POST /v2/signature` (`action=getnonce`, signed with a timestamp).
 * Every answer is HTTP 200 with the `{ status, body }` envelope.
 */
import { createHmac } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { logCall, requestParams, WITHINGS_SIM_SCOPES, type WithingsContext } from './context.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const INVALID_PARAMS = 503;

function redirectAllowed(ctx: WithingsContext, uri: string): boolean {
  try {
    const url = new URL(uri);
    if (ctx.config.redirectUris) return ctx.config.redirectUris.includes(uri);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

/** `{ status, body }`, always HTTP 200 (Withings' convention). */
export function envelope(c: Context, status: number, body: unknown = {}, error?: string): Response {
  return c.json({ status, body, ...(error ? { error } : {}) }, 200);
}

/** The signature Withings expects: HMAC-SHA256 of the sorted values joined by commas. */
export function expectedSignature(params: Record<string, string>, secret: string): string {
  const values = Object.keys(params).sort().map((key) => params[key] as string);
  return createHmac('sha256', secret).update(values.join(',')).digest('hex');
}

function requestToken(ctx: WithingsContext, c: Context, form: URLSearchParams): Response {
  if (form.get('client_id') !== ctx.config.clientId || form.get('client_secret') !== ctx.config.clientSecret) {
    ctx.tokens.counters.tokenFailures += 1;
    return envelope(c, 401, {}, 'Invalid client credentials');
  }
  const grantType = form.get('grant_type');
  if (grantType === 'authorization_code') {
    const tokens = ctx.tokens.exchangeCode({ code: form.get('code') ?? '', clientId: ctx.config.clientId, redirectUri: form.get('redirect_uri') });
    return tokens ? envelope(c, 0, tokens) : envelope(c, INVALID_PARAMS, {}, 'Invalid Params: invalid code');
  }
  if (grantType === 'refresh_token') {
    const tokens = ctx.tokens.refresh({ refreshToken: form.get('refresh_token') ?? '', clientId: ctx.config.clientId });
    return tokens ? envelope(c, 0, tokens) : envelope(c, INVALID_PARAMS, {}, 'Invalid Params: invalid refresh_token');
  }
  return envelope(c, INVALID_PARAMS, {}, 'Invalid Params: grant_type');
}

function checkSigned(ctx: WithingsContext, form: URLSearchParams, third: 'nonce' | 'timestamp'): boolean {
  const signed = { action: form.get('action') ?? '', client_id: form.get('client_id') ?? '', [third]: form.get(third) ?? '' };
  if (signed.client_id !== ctx.config.clientId) return false;
  if (form.get('signature') !== expectedSignature(signed, ctx.config.clientSecret)) return false;
  if (third === 'nonce') return ctx.tokens.useNonce(signed.nonce ?? '');
  // Only the format is checked: the simulator's clock is usually not the client's wall clock.
  return /^\d{9,11}$/.test(signed.timestamp ?? '');
}

/** The OAuth and signature routes of the Withings mount. */
export function createWithingsOAuthRoutes(ctx: WithingsContext): Hono {
  const app = new Hono();

  app.get('/oauth2_user/authorize2', (c) => {
    ctx.counters.authorizeRequests += 1;
    const q = new URL(c.req.url).searchParams;
    const redirectUri = q.get('redirect_uri');
    if (q.get('client_id') !== ctx.config.clientId || !redirectUri || !redirectAllowed(ctx, redirectUri)) {
      return c.text('Invalid client_id or redirect_uri.', 400);
    }
    const state = q.get('state');
    const redirect = (params: Record<string, string>) => {
      const url = new URL(redirectUri);
      for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
      return c.redirect(url.toString(), 302);
    };
    if (q.get('response_type') !== 'code' || !state) return c.text('response_type=code and state are required.', 400);
    const requested = (q.get('scope') ?? '').split(',').map((scope) => scope.trim()).filter(Boolean);
    const scope = requested.filter((entry) => (WITHINGS_SIM_SCOPES as readonly string[]).includes(entry));
    if (scope.length === 0) return c.text('scope must list Withings scopes separated by commas.', 400);
    if (ctx.authorizeDecision === 'deny') return redirect({ error: 'access_denied', state });
    const code = ctx.tokens.issueCode({ clientId: ctx.config.clientId, redirectUri, scope: scope.join(',') });
    return redirect({ code, state });
  });

  app.post('/v2/oauth2', async (c) => {
    const form = await requestParams(c.req.raw);
    let response: Response;
    if (form.get('action') === 'requesttoken') response = requestToken(ctx, c, form);
    else if (form.get('action') === 'revoke') {
      if (!checkSigned(ctx, form, 'nonce')) response = envelope(c, 2555, {}, 'Invalid signature or nonce');
      else {
        ctx.tokens.revokeUser();
        response = envelope(c, 0, {});
      }
    } else response = envelope(c, 2554, {}, 'Not implemented');
    logCall(ctx, '/v2/oauth2', form, response.status);
    return response;
  });

  app.post('/v2/signature', async (c) => {
    const form = await requestParams(c.req.raw);
    const ok = form.get('action') === 'getnonce' && checkSigned(ctx, form, 'timestamp');
    logCall(ctx, '/v2/signature', form, 200);
    return ok ? envelope(c, 0, { nonce: ctx.tokens.issueNonce() }) : envelope(c, 2555, {}, 'Invalid signature');
  });

  return app;
}
