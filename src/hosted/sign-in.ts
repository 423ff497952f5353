/**
 * Signing in through a provider (`/sign-in/*`), the login and consent steps of the
 * authorization server's interactions:
 *
 * 1. `GET /sign-in/:uid`: the login step lists one link per provider; the consent step shows
 *    the client's name and redirect host with Allow / Deny.
 * 2. `GET /sign-in/:uid/provider/:provider`: starts the provider's OAuth (provider-oauth.ts).
 * 3. `GET /sign-in/callback/:provider`: trades the code, asks the provider who signed in, finds
 *    the account linked to that provider user id or creates one, stores the provider grant in
 *    that account, and sends the browser back to step 4 (the callback holds no interaction cookie,
 *    so it never finishes a login by itself: a code planted in someone else's browser opens
 *    nothing). Sign-ins the account page started are handed to it.
 * 4. `GET /sign-in/:uid/signed-in`: with the interaction cookie, finishes the login (and signs
 *    the browser in to the account page).
 * 5. `POST /sign-in/:uid/consent`: records the grant (the MCP scope, for this resource only).
 */
import { Hono, type Context } from 'hono';
import type Provider from 'oidc-provider';
import type { Pool } from 'pg';
import type { ProviderId } from '../core/types.js';
import type { Logger } from '../logging/logger.js';
import type { HostContext } from '../mcp/host-context.js';
import type { Provider as DataProvider } from '../providers/provider.js';
import type { AccountDirectory } from '../store/database.js';
import type { AccountCookies } from './account-cookie.js';
import type { AuditLog } from './audit.js';
import { consentPage, htmlPage, problemPage, signInPage } from './pages.js';
import type { Env, ProviderGrant, ProviderOAuth } from './provider-oauth.js';
import { keyOf } from './sealed.js';

export interface SignInOptions {
  oidc: Provider;
  pool: Pool;
  accounts: AccountDirectory;
  /** Providers a person may sign in with (OAuth configured), in display order. */
  providers: readonly DataProvider[];
  providerOAuth: ProviderOAuth;
  cookies: AccountCookies;
  /** The host context of an account (its token manager stores the provider grant). */
  contextFor(accountId: string): Promise<HostContext>;
  /** Completes a sign-in the account page started (purpose `account:` or `link:`). */
  completeAccountSignIn(c: Context<Env>, grant: ProviderGrant): Promise<Response>;
  audit: AuditLog;
  logger: Logger;
  /** How long a signed-in account waits for its browser (default 10 minutes). */
  handoffTtlSeconds?: number;
}

const UID = /^[A-Za-z0-9_-]{1,64}$/;

export function createSignInRoutes(options: SignInOptions): Hono<Env> {
  const { oidc, pool, logger } = options;
  const app = new Hono<Env>();
  const ttl = options.handoffTtlSeconds ?? 600;
  const byId = new Map(options.providers.map((provider) => [provider.id, provider]));
  /** The interaction of this browser (its cookie), when it is `uid`. */
  const interactionOf = async (c: Context<Env>, uid: string) => {
    try {
      const details = await oidc.interactionDetails(c.env.incoming, c.env.outgoing);
      return details.uid === uid ? details : undefined;
    } catch {
      return undefined;
    }
  };
  const expired = (c: Context<Env>) => htmlPage(c, 400, problemPage('This sign-in has expired', 'The sign-in page was open too long or in another browser.'));
  const clientNameOf = async (clientId: unknown) => {
    const client = typeof clientId === 'string' ? await oidc.Client.find(clientId).catch(() => undefined) : undefined;
    return client?.clientName ?? (typeof clientId === 'string' ? clientId.slice(0, 200) : 'An application');
  };

  app.get('/callback/:provider', async (c) => {
    const provider = byId.get(c.req.param('provider') as ProviderId);
    if (!provider) return htmlPage(c, 404, problemPage('Unknown provider', 'This server does not sign in with that provider.'));
    const grant = await options.providerOAuth.finish(c, provider);
    if (grant instanceof Response) return grant;
    if (grant.purpose.startsWith('account:') || grant.purpose.startsWith('link:')) return options.completeAccountSignIn(c, grant);
    const uid = grant.purpose;
    const accountId = await options.providerOAuth.accountFor(provider.id, grant.providerUserId);
    const context = await options.contextFor(accountId);
    await context.tokens.save(provider.id, grant.tokens);
    await options.audit.record(accountId, 'provider_connected', { provider: provider.id });
    await options.audit.record(accountId, 'sign_in', { provider: provider.id });
    // The account waits for the browser that holds this interaction's cookie.
    await pool.query(
      `INSERT INTO hosted_sign_ins (state_key, interaction_uid, provider, account_id, verifier, expires_at)
       VALUES ($1, $2, $3, $4, '{}'::jsonb, now() + make_interval(secs => $5))
       ON CONFLICT (state_key) DO UPDATE SET account_id = EXCLUDED.account_id, provider = EXCLUDED.provider, expires_at = EXCLUDED.expires_at`,
      [keyOf(`uid:${uid}`), uid, provider.id, accountId, ttl],
    );
    logger.info({ provider: provider.id }, 'hosted sign-in: provider identified the person');
    return c.redirect(`/sign-in/${encodeURIComponent(uid)}/signed-in`, 303);
  });

  app.get('/:uid', async (c) => {
    const uid = c.req.param('uid');
    if (!UID.test(uid)) return expired(c);
    const details = await interactionOf(c, uid);
    if (!details) return expired(c);
    const clientName = await clientNameOf(details.params.client_id);
    if (details.prompt.name === 'login') {
      return htmlPage(c, 200, signInPage(uid, clientName, options.providers.map((provider) => ({ id: provider.id, displayName: provider.displayName }))));
    }
    const redirect = typeof details.params.redirect_uri === 'string' ? details.params.redirect_uri : '';
    const host = URL.canParse(redirect) ? new URL(redirect).host || redirect.slice(0, 100) : 'an unknown address';
    const accountId = details.session?.accountId;
    const connected = accountId ? (await options.accounts.identities(accountId)).map((identity) => byId.get(identity.provider)?.displayName ?? identity.provider) : [];
    return htmlPage(c, 200, consentPage(uid, clientName, host, connected));
  });

  app.get('/:uid/provider/:provider', async (c) => {
    const uid = c.req.param('uid');
    const provider = byId.get(c.req.param('provider') as ProviderId);
    if (!provider?.oauth) return htmlPage(c, 404, problemPage('Unknown provider', 'This server does not sign in with that provider.'));
    if (!UID.test(uid) || !(await interactionOf(c, uid))) return expired(c);
    return c.redirect(await options.providerOAuth.start(provider, uid), 303);
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
    options.cookies.signIn(c, row.account_id);
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
