/**
 * The account page (`/account`), server-rendered like the sign-in: a person signed in (the
 * account cookie set by any provider sign-in in this browser) sees the providers linked to their
 * account, connects further ones (a provider identity already linked to another account is
 * refused), disconnects them (the grant is revoked at the provider), downloads everything the
 * server holds of theirs (JSON Lines), and deletes the account: every provider grant revoked, every
 * row and token of theirs removed (the store's and the authorization server's), their sessions
 * and cookies ended.
 */
import { Hono, type Context } from 'hono';
import type { Pool } from 'pg';
import type { ProviderId } from '../core/types.js';
import type { Logger } from '../logging/logger.js';
import type { Provider as DataProvider } from '../providers/provider.js';
import type { StoreDatabase } from '../store/database.js';
import type { AccountCookies } from './account-cookie.js';
import type { AccountSessions } from './account-sessions.js';
import type { AuditLog } from './audit.js';
import { escapeHtml, htmlPage, page, problemPage } from './pages.js';
import type { Env, ProviderGrant, ProviderOAuth } from './provider-oauth.js';
import { keyOf } from './sealed.js';

export interface AccountPageOptions {
  pool: Pool;
  database: StoreDatabase;
  providers: readonly DataProvider[];
  providerOAuth: ProviderOAuth;
  cookies: AccountCookies;
  sessions: AccountSessions;
  audit: AuditLog;
  logger: Logger;
  baseUrl: string;
}

export interface AccountPage {
  routes: Hono<Env>;
  /** Finishes a provider sign-in the account page started (`account:` or `link:` purposes). */
  completeAccountSignIn(c: Context<Env>, grant: ProviderGrant): Promise<Response>;
  /** Deletes an account and everything of it; true when it existed. */
  deleteAccount(accountId: string): Promise<boolean>;
}

export function createAccountPage(options: AccountPageOptions): AccountPage {
  const { pool, database, cookies, logger } = options;
  const accounts = database.accounts;
  const byId = new Map(options.providers.map((provider) => [provider.id, provider]));
  const origin = new URL(options.baseUrl).origin;
  const app = new Hono<Env>();

  /** The signed-in account of this request (cookie valid and the account still there). */
  const signedIn = async (c: Context<Env>): Promise<string | undefined> => {
    const id = cookies.accountOf(c);
    return id && (await accounts.get(id)) ? id : undefined;
  };
  /** POSTs from another site are refused (the cookie is SameSite=Lax as well). */
  const sameOrigin = (c: Context<Env>) => {
    const from = c.req.header('origin');
    return from === undefined || from === origin;
  };

  async function deleteAccount(accountId: string): Promise<boolean> {
    if (!(await accounts.get(accountId))) return false;
    const context = await options.sessions.context(accountId).catch(() => undefined);
    if (context) {
      for (const provider of options.providers) {
        if (!(await context.tokens.isConnected(provider.id).catch(() => false))) continue;
        await context.tokens.disconnect(provider.id, { revoke: true }).catch((error: unknown) => logger.warn({ provider: provider.id, err: error }, 'revoking a provider grant of a deleted account failed'));
      }
    }
    await options.sessions.evict(accountId);
    // The authorization server's grants, tokens, codes, sessions and interactions of the account.
    await pool.query('DELETE FROM hosted_oauth_payloads WHERE payload::text LIKE $1', [`%"${accountId}"%`]);
    await pool.query('DELETE FROM hosted_refresh_replies WHERE account_id = $1', [accountId]);
    await pool.query('DELETE FROM hosted_sign_ins WHERE account_id = $1 OR interaction_uid LIKE $2', [accountId, `link:${accountId}:%`]);
    await pool.query('DELETE FROM hosted_audit WHERE account_id = $1', [accountId]);
    const existed = await accounts.delete(accountId);
    await options.audit.record(null, 'account_deleted');
    return existed;
  }

  async function accountView(accountId: string): Promise<string> {
    const account = await accounts.get(accountId);
    const identities = await accounts.identities(accountId);
    const context = await options.sessions.context(accountId);
    const rows: string[] = [];
    for (const provider of options.providers) {
      const status = await context.tokens.status(provider.id);
      const linked = identities.some((identity) => identity.provider === provider.id);
      const name = escapeHtml(provider.displayName);
      const id = encodeURIComponent(provider.id);
      rows.push(
        status.connected
          ? `<li>${name}: connected${status.reconnectNeeded ? ' (sign in again to renew)' : ''}. <form method="post" action="/account/disconnect/${id}" style="display:inline"><button type="submit" style="display:inline;width:auto">Disconnect ${name}</button></form></li>`
          : `<li>${name}: ${linked ? 'linked, not connected' : 'not connected'}. <a href="/account/link/${id}">Connect ${name}</a></li>`,
      );
    }
    return page(
      'Your account',
      `<p class="muted">Created ${escapeHtml(account?.createdAt.slice(0, 10) ?? '')}.</p><ul>${rows.join('')}</ul>` +
        `<p><a href="/account/export">Download everything this server holds of yours</a> (JSON Lines).</p>` +
        `<form method="post" action="/account/delete"><p><label><input type="checkbox" name="confirm" value="delete"> Delete my account and all its data; revoke every provider grant and every app's access. This cannot be undone.</label></p><button type="submit">Delete my account</button></form>` +
        `<form method="post" action="/account/sign-out"><button type="submit">Sign out</button></form>`,
    );
  }

  app.get('/', async (c) => {
    const accountId = await signedIn(c);
    if (accountId) return htmlPage(c, 200, await accountView(accountId));
    const links = options.providers.map((provider) => `<a class="provider" href="/account/sign-in/${encodeURIComponent(provider.id)}">Sign in with ${escapeHtml(provider.displayName)}</a>`).join('');
    return htmlPage(c, 200, page('Your account', `<p>Sign in with the account of one of your devices to see and manage what this server holds of yours.</p>${links}`));
  });

  app.get('/sign-in/:provider', async (c) => {
    const provider = byId.get(c.req.param('provider') as ProviderId);
    if (!provider) return htmlPage(c, 404, problemPage('Unknown provider', 'This server does not sign in with that provider.'));
    const nonce = cookies.startNonce(c);
    return c.redirect(await options.providerOAuth.start(provider, `account:${keyOf(nonce)}`), 303);
  });

  app.get('/link/:provider', async (c) => {
    const accountId = await signedIn(c);
    if (!accountId) return c.redirect('/account', 303);
    const provider = byId.get(c.req.param('provider') as ProviderId);
    if (!provider) return htmlPage(c, 404, problemPage('Unknown provider', 'This server does not connect that provider.'));
    const nonce = cookies.startNonce(c);
    return c.redirect(await options.providerOAuth.start(provider, `link:${accountId}:${keyOf(nonce)}`), 303);
  });

  app.post('/disconnect/:provider', async (c) => {
    const accountId = await signedIn(c);
    const provider = byId.get(c.req.param('provider') as ProviderId);
    if (!accountId || !sameOrigin(c)) return htmlPage(c, 403, problemPage('Not signed in', 'Sign in on the account page first.'));
    if (!provider) return htmlPage(c, 404, problemPage('Unknown provider', 'This server does not connect that provider.'));
    const context = await options.sessions.context(accountId);
    await context.tokens.disconnect(provider.id, { revoke: true });
    // The identity stays while it is the only way back into the account.
    const identities = await accounts.identities(accountId);
    if (identities.some((identity) => identity.provider === provider.id) && identities.length > 1) await accounts.unlinkIdentity(accountId, provider.id);
    await options.audit.record(accountId, 'provider_disconnected', { provider: provider.id });
    return c.redirect('/account', 303);
  });

  app.get('/export', async (c) => {
    const accountId = await signedIn(c);
    if (!accountId) return c.redirect('/account', 303);
    const identities = await accounts.identities(accountId);
    const batches = database.exportAccount(accountId);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify({ kind: 'identities', rows: identities })}\n`));
          // Connection rows are ciphertext of provider tokens: not the person's data, never exported.
          for await (const batch of batches) if (batch.kind !== 'connections') controller.enqueue(encoder.encode(`${JSON.stringify(batch)}\n`));
          controller.close();
        } catch (error) {
          logger.warn({ err: error }, 'account export failed');
          controller.error(error);
        }
      },
    });
    await options.audit.record(accountId, 'account_exported');
    return new Response(body, {
      headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-disposition': 'attachment; filename="wearables-mcp-export.jsonl"', 'cache-control': 'no-store' },
    });
  });

  app.post('/delete', async (c) => {
    const accountId = await signedIn(c);
    if (!accountId || !sameOrigin(c)) return htmlPage(c, 403, problemPage('Not signed in', 'Sign in on the account page first.'));
    const form = await c.req.parseBody();
    if (form.confirm !== 'delete') return htmlPage(c, 400, problemPage('Nothing deleted', 'Tick the box that confirms the deletion.'));
    await deleteAccount(accountId);
    cookies.signOut(c);
    return htmlPage(c, 200, page('Account deleted', '<p>Your account and all its data are deleted here; every provider grant and every app access is revoked.</p>'));
  });

  app.post('/sign-out', (c) => {
    cookies.signOut(c);
    return c.redirect('/account', 303);
  });

  async function completeAccountSignIn(c: Context<Env>, grant: ProviderGrant): Promise<Response> {
    const { provider } = grant;
    const [kind, ...rest] = grant.purpose.split(':');
    const nonce = cookies.nonceOf(c);
    const nonceKey = rest.at(-1);
    if (!nonce || keyOf(nonce) !== nonceKey) return htmlPage(c, 400, problemPage('This sign-in has expired', 'It was started in another browser or too long ago.'));
    let accountId: string;
    if (kind === 'link') {
      accountId = rest[0] ?? '';
      if ((await signedIn(c)) !== accountId) return htmlPage(c, 403, problemPage('Not signed in', 'Sign in on the account page first.'));
      const owner = await accounts.findByIdentity(provider.id, grant.providerUserId);
      if (owner && owner.id !== accountId) {
        return htmlPage(c, 409, problemPage(`This ${provider.displayName} account belongs to another account here`, `Sign in with it to use that account, or delete that account first.`));
      }
      if (!owner) await accounts.linkIdentity(accountId, provider.id, grant.providerUserId);
    } else {
      accountId = await options.providerOAuth.accountFor(provider.id, grant.providerUserId);
      await options.audit.record(accountId, 'sign_in', { provider: provider.id });
    }
    const context = await options.sessions.context(accountId);
    await context.tokens.save(provider.id, grant.tokens);
    await options.audit.record(accountId, 'provider_connected', { provider: provider.id });
    cookies.signIn(c, accountId);
    return c.redirect('/account', 303);
  }

  return { routes: app, completeAccountSignIn, deleteAccount };
}
