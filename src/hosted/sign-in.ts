/**
 * Signing in through a provider (`/sign-in/*`), the login and consent steps of the
 * authorization server's interactions:
 *
 * 1. `GET /sign-in/:uid`: the login step lists one link per provider; the consent step shows
 *    the client's name and redirect host with Allow / Deny.
 * 2. `GET /sign-in/:uid/provider/:provider`: starts the provider's OAuth (PKCE, a fresh `state`
 *    kept sealed in `hosted_sign_ins`) and redirects there.
 * 3. `GET /sign-in/callback/:provider`: trades the code, asks the provider who signed in, finds
 *    the account linked to that provider user id or creates one, stores the provider grant in
 *    that account, and sends the browser back to step 4 (the callback holds no interaction cookie,
 *    so it never finishes a login by itself: a code planted in someone else's browser opens nothing).
 * 4. `GET /sign-in/:uid/signed-in`: with the interaction cookie, finishes the login.
 * 5. `POST /sign-in/:uid/consent`: records the grant (the MCP scope, for this resource only).
 */
import { randomBytes } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomState } from 'oauth4webapi';
import type Provider from 'oidc-provider';
import type { Pool } from 'pg';
import { toWearablesError, WearablesError } from '../core/errors.js';
import type { ProviderId } from '../core/types.js';
import type { Logger } from '../logging/logger.js';
import { registerSecret } from '../logging/secrets.js';
import type { HostContext } from '../mcp/host-context.js';
import type { Provider as DataProvider } from '../providers/provider.js';
import type { AccountDirectory } from '../store/database.js';
import type { AuditLog } from './audit.js';
import { consentPage, problemPage, signInPage } from './pages.js';
import { keyOf, seal, unseal, type SealedValue } from './sealed.js';

export interface SignInOptions {
  oidc: Provider;
  pool: Pool;
  accounts: AccountDirectory;
  /** Providers a person may sign in with (OAuth configured), in display order. */
  providers: readonly DataProvider[];
  /** The host context of an account (its token manager stores the provider grant). */
  contextFor(accountId: string): Promise<HostContext>;
  baseUrl: string;
  audit: AuditLog;
  logger: Logger;
  /** How long a started provider sign-in may take (default 10 minutes). */
  signInTtlSeconds?: number;
}

type Env = { Bindings: HttpBindings };

const UID = /^[A-Za-z0-9_-]{1,64}$/;
const PURPOSE = 'provider sign-in';

/** A new account id (`ACCOUNT_ID_PATTERN`). */
export function newAccountId(): string {
  return `a${randomBytes(12).toString('hex')}`;
}

export function createSignInRoutes(options: SignInOptions): Hono<Env> {
  const { oidc, pool, logger } = options;
  const app = new Hono<Env>();
  const ttl = options.signInTtlSeconds ?? 600;
  const byId = new Map(options.providers.map((provider) => [provider.id, provider]));
  const redirectUri = (provider: ProviderId) => `${options.baseUrl}/sign-in/callback/${provider}`;
  const html = (c: Context<Env>, status: 200 | 400 | 403 | 404 | 502, body: string) => {
    c.header('Cache-Control', 'no-store');
    c.header('X-Frame-Options', 'DENY');
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    return c.html(body, status);
  };
  /** The interaction of this browser (its cookie), when it is `uid`. */
  const interactionOf = async (c: Context<Env>, uid: string) => {
    try {
      const details = await oidc.interactionDetails(c.env.incoming, c.env.outgoing);
      return details.uid === uid ? details : undefined;
    } catch {
      return undefined;
    }
  };
  const expired = (c: Context<Env>) => html(c, 400, problemPage('This sign-in has expired', 'The sign-in page was open too long or in another browser.'));
  const clientNameOf = async (clientId: unknown) => {
    const client = typeof clientId === 'string' ? await oidc.Client.find(clientId).catch(() => undefined) : undefined;
    return client?.clientName ?? (typeof clientId === 'string' ? clientId.slice(0, 200) : 'An application');
  };

  app.get('/callback/:provider', async (c) => {
    const provider = byId.get(c.req.param('provider') as ProviderId);
    const state = c.req.query('state') ?? '';
    if (!provider || state.length === 0 || state.length > 128) return html(c, 400, problemPage('Unknown sign-in', 'This sign-in link is unknown.'));
    const taken = await pool.query<{ interaction_uid: string; provider: string; verifier: SealedValue }>(
      'DELETE FROM hosted_sign_ins WHERE state_key = $1 AND expires_at > now() AND account_id IS NULL RETURNING interaction_uid, provider, verifier',
      [keyOf(state)],
    );
    const row = taken.rows[0];
    const verifier = row ? unseal(state, PURPOSE, row.verifier) : undefined;
    if (!row || row.provider !== provider.id || typeof verifier !== 'string') return expired(c);
    const error = c.req.query('error');
    if (error) {
      const safe = /^[a-z_]{1,64}$/.test(error) ? error : 'unknown_error';
      return html(c, 400, problemPage(`${provider.displayName} did not sign you in`, `${provider.displayName} answered ${safe}. Approve the requested access to continue.`));
    }
    const code = c.req.query('code');
    if (!code || code.length > 2048) return html(c, 400, problemPage('No authorization code', `The redirect from ${provider.displayName} carried no code.`));
    registerSecret(code);
    try {
      const oauth = provider.oauth;
      if (!oauth?.userId) throw new WearablesError('CONFIG_ERROR', `${provider.displayName} cannot say who signed in.`);
      const tokens = await oauth.exchangeCode({ code, redirectUri: redirectUri(provider.id), codeVerifier: verifier });
      registerSecret(tokens.accessToken);
      registerSecret(tokens.refreshToken);
      const providerUserId = await oauth.userId(tokens);
      const accountId = await accountFor(provider.id, providerUserId);
      const context = await options.contextFor(accountId);
      await context.tokens.save(provider.id, tokens);
      await options.audit.record(accountId, 'provider_connected', { provider: provider.id });
      await options.audit.record(accountId, 'sign_in', { provider: provider.id });
      // The account waits for the browser that holds this interaction's cookie.
      await pool.query(
        `INSERT INTO hosted_sign_ins (state_key, interaction_uid, provider, account_id, verifier, expires_at)
         VALUES ($1, $2, $3, $4, '{}'::jsonb, now() + make_interval(secs => $5))
         ON CONFLICT (state_key) DO UPDATE SET account_id = EXCLUDED.account_id, provider = EXCLUDED.provider, expires_at = EXCLUDED.expires_at`,
        [keyOf(`uid:${row.interaction_uid}`), row.interaction_uid, provider.id, accountId, ttl],
      );
      logger.info({ provider: provider.id }, 'hosted sign-in: provider identified the person');
      return c.redirect(`/sign-in/${encodeURIComponent(row.interaction_uid)}/signed-in`, 303);
    } catch (caught) {
      const failure = toWearablesError(caught, 'AUTH_FAILED');
      logger.warn({ provider: provider.id, err: failure }, 'hosted sign-in failed');
      return html(c, 502, problemPage(`Signing in with ${provider.displayName} failed`, failure.hint ?? failure.message));
    }
  });

  /** The account linked to the provider user id, or a new one linked to it. */
  async function accountFor(provider: ProviderId, providerUserId: string): Promise<string> {
    const known = await options.accounts.findByIdentity(provider, providerUserId);
    if (known) return known.id;
    const created = await options.accounts.ensure(newAccountId());
    try {
      await options.accounts.linkIdentity(created.id, provider, providerUserId);
    } catch (error) {
      // Another sign-in of the same person linked it first: use that account.
      await options.accounts.delete(created.id);
      const winner = await options.accounts.findByIdentity(provider, providerUserId);
      if (winner) return winner.id;
      throw error;
    }
    await options.audit.record(created.id, 'account_created', { provider });
    return created.id;
  }

  app.get('/:uid', async (c) => {
    const uid = c.req.param('uid');
    if (!UID.test(uid)) return expired(c);
    const details = await interactionOf(c, uid);
    if (!details) return expired(c);
    const clientName = await clientNameOf(details.params.client_id);
    if (details.prompt.name === 'login') {
      return html(c, 200, signInPage(uid, clientName, options.providers.map((provider) => ({ id: provider.id, displayName: provider.displayName }))));
    }
    const redirect = typeof details.params.redirect_uri === 'string' ? details.params.redirect_uri : '';
    const host = URL.canParse(redirect) ? new URL(redirect).host || redirect.slice(0, 100) : 'an unknown address';
    const accountId = details.session?.accountId;
    const connected = accountId ? (await options.accounts.identities(accountId)).map((identity) => byId.get(identity.provider)?.displayName ?? identity.provider) : [];
    return html(c, 200, consentPage(uid, clientName, host, connected));
  });

  app.get('/:uid/provider/:provider', async (c) => {
    const uid = c.req.param('uid');
    const provider = byId.get(c.req.param('provider') as ProviderId);
    if (!provider?.oauth) return html(c, 404, problemPage('Unknown provider', 'This server does not sign in with that provider.'));
    if (!UID.test(uid) || !(await interactionOf(c, uid))) return expired(c);
    const state = generateRandomState();
    const codeVerifier = generateRandomCodeVerifier();
    registerSecret(codeVerifier);
    await pool.query(
      `INSERT INTO hosted_sign_ins (state_key, interaction_uid, provider, verifier, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [keyOf(state), uid, provider.id, seal(state, PURPOSE, codeVerifier), ttl],
    );
    const url = provider.oauth.authorizationUrl({ redirectUri: redirectUri(provider.id), state, codeChallenge: await calculatePKCECodeChallenge(codeVerifier) });
    return c.redirect(url.href, 303);
  });

  app.get('/:uid/signed-in', async (c) => {
    const uid = c.req.param('uid');
    if (!UID.test(uid) || !(await interactionOf(c, uid))) return expired(c);
    const taken = await pool.query<{ account_id: string; provider: string }>(
      'DELETE FROM hosted_sign_ins WHERE state_key = $1 AND expires_at > now() AND account_id IS NOT NULL RETURNING account_id, provider',
      [keyOf(`uid:${uid}`)],
    );
    const row = taken.rows[0];
    if (!row) return expired(c);
    const returnTo = await oidc.interactionResult(c.env.incoming, c.env.outgoing, { login: { accountId: row.account_id, amr: [row.provider] } }, { mergeWithLastSubmission: false });
    return c.redirect(returnTo, 303);
  });

  app.post('/:uid/consent', async (c) => {
    const uid = c.req.param('uid');
    const details = UID.test(uid) ? await interactionOf(c, uid) : undefined;
    if (!details || details.prompt.name !== 'consent') return expired(c);
    const form = await c.req.parseBody();
    const accountId = details.session?.accountId;
    const clientId = String(details.params.client_id ?? '');
    if (form.decision !== 'allow' || !accountId) {
      await options.audit.record(accountId ?? null, 'consent_denied', { client_id: clientId.slice(0, 200) });
      const returnTo = await oidc.interactionResult(c.env.incoming, c.env.outgoing, { error: 'access_denied', error_description: 'The person denied access.' }, { mergeWithLastSubmission: false });
      return c.redirect(returnTo, 303);
    }
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
    const grant = (details.grantId ? await oidc.Grant.find(details.grantId) : undefined) ?? new oidc.Grant({ accountId, clientId });
    if (missing.missingOIDCScope?.length) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    await options.audit.record(accountId, 'consent_given', { client_id: clientId.slice(0, 200) });
    const returnTo = await oidc.interactionResult(c.env.incoming, c.env.outgoing, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return c.redirect(returnTo, 303);
  });

  return app;
}
