/**
 * A person's sign-in at a provider, shared by the connector sign-in (sign-in.ts) and the account
 * page (account-page.ts): `start` keeps a fresh `state` (its hash) with the PKCE verifier sealed
 * under it and a `purpose` (the interaction, or the account page's browser-bound sign-in or
 * link), `finish` takes that row once, trades the code, and asks the provider who signed in.
 * `accountFor` finds the account of a provider identity or creates one linked to it.
 */
import { randomBytes } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomState } from 'oauth4webapi';
import type { Pool } from 'pg';
import { toWearablesError, WearablesError } from '../core/errors.js';
import type { TokenSet } from '../core/token-set.js';
import type { ProviderId } from '../core/types.js';
import type { Logger } from '../logging/logger.js';
import { registerSecret } from '../logging/secrets.js';
import type { Provider as DataProvider } from '../providers/provider.js';
import type { AccountDirectory } from '../store/database.js';
import type { AuditLog } from './audit.js';
import { htmlPage, problemPage } from './pages.js';
import { keyOf, seal, unseal, type SealedValue } from './sealed.js';

export type Env = { Bindings: HttpBindings };

export interface ProviderGrant {
  provider: DataProvider;
  /** What the sign-in was started for (see `start`). */
  purpose: string;
  tokens: TokenSet;
  /** The provider's id of the person (their identity here). Never logged. */
  providerUserId: string;
}

export interface ProviderOAuth {
  /** Starts a sign-in at `provider` for `purpose`; returns the provider's authorization URL. */
  start(provider: DataProvider, purpose: string): Promise<string>;
  /** Completes the sign-in this callback request carries, or answers the page explaining why not. */
  finish(c: Context<Env>, provider: DataProvider): Promise<ProviderGrant | Response>;
  /** The account linked to this identity, or a new account linked to it. */
  accountFor(provider: ProviderId, providerUserId: string): Promise<string>;
}

const PURPOSE = 'provider sign-in';

/** A new account id (`ACCOUNT_ID_PATTERN`). */
export function newAccountId(): string {
  return `a${randomBytes(12).toString('hex')}`;
}

export function createProviderOAuth(options: { pool: Pool; accounts: AccountDirectory; baseUrl: string; audit: AuditLog; logger: Logger; ttlSeconds?: number }): ProviderOAuth {
  const { pool, logger } = options;
  const ttl = options.ttlSeconds ?? 600;
  const redirectUri = (provider: ProviderId) => `${options.baseUrl}/sign-in/callback/${provider}`;

  return {
    async start(provider, purpose) {
      if (!provider.oauth) throw new WearablesError('VALIDATION_ERROR', `${provider.displayName} has no sign-in.`);
      const state = generateRandomState();
      const codeVerifier = generateRandomCodeVerifier();
      registerSecret(codeVerifier);
      await pool.query(
        `INSERT INTO hosted_sign_ins (state_key, interaction_uid, provider, verifier, expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
        [keyOf(state), purpose, provider.id, seal(state, PURPOSE, codeVerifier), ttl],
      );
      return provider.oauth.authorizationUrl({ redirectUri: redirectUri(provider.id), state, codeChallenge: await calculatePKCECodeChallenge(codeVerifier) }).href;
    },

    async finish(c, provider) {
      const state = c.req.query('state') ?? '';
      if (state.length === 0 || state.length > 128) return htmlPage(c, 400, problemPage('Unknown sign-in', 'This sign-in link is unknown.'));
      const taken = await pool.query<{ interaction_uid: string; provider: string; verifier: SealedValue }>(
        'DELETE FROM hosted_sign_ins WHERE state_key = $1 AND expires_at > now() AND account_id IS NULL RETURNING interaction_uid, provider, verifier',
        [keyOf(state)],
      );
      const row = taken.rows[0];
      const verifier = row ? unseal(state, PURPOSE, row.verifier) : undefined;
      if (!row || row.provider !== provider.id || typeof verifier !== 'string') {
        return htmlPage(c, 400, problemPage('This sign-in has expired', 'The sign-in page was open too long or in another browser.'));
      }
      const error = c.req.query('error');
      if (error) {
        const safe = /^[a-z_]{1,64}$/.test(error) ? error : 'unknown_error';
        return htmlPage(c, 400, problemPage(`${provider.displayName} did not sign you in`, `${provider.displayName} answered ${safe}. Approve the requested access to continue.`));
      }
      const code = c.req.query('code');
      if (!code || code.length > 2048) return htmlPage(c, 400, problemPage('No authorization code', `The redirect from ${provider.displayName} carried no code.`));
      registerSecret(code);
      try {
        const oauth = provider.oauth;
        if (!oauth?.userId) throw new WearablesError('CONFIG_ERROR', `${provider.displayName} cannot say who signed in.`);
        const tokens = await oauth.exchangeCode({ code, redirectUri: redirectUri(provider.id), codeVerifier: verifier });
        registerSecret(tokens.accessToken);
        registerSecret(tokens.refreshToken);
        const providerUserId = await oauth.userId(tokens);
        return { provider, purpose: row.interaction_uid, tokens, providerUserId };
      } catch (caught) {
        const failure = toWearablesError(caught, 'AUTH_FAILED');
        logger.warn({ provider: provider.id, err: failure }, 'hosted sign-in failed');
        return htmlPage(c, 502, problemPage(`Signing in with ${provider.displayName} failed`, failure.hint ?? failure.message));
      }
    },

    async accountFor(provider, providerUserId) {
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
    },
  };
}
