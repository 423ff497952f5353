/**
 * The interactive `connect` flow: OAuth 2 authorization code with PKCE (S256) and `state`, the
 * redirect received by a loopback server on 127.0.0.1, or pasted by the user when no browser can
 * be opened (SSH, containers). Whichever arrives first wins.
 */
import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomState } from 'oauth4webapi';
import { WearablesError, toWearablesError } from '../core/errors.js';
import type { Logger } from '../logging/logger.js';
import { registerSecret } from '../logging/secrets.js';
import { oauthOf, type Provider } from '../providers/provider.js';
import { isLoopbackRedirect, startCallbackServer, type CallbackServer } from './loopback-server.js';
import type { TokenSet } from '../core/token-set.js';

export interface AuthorizationCodeFlowOptions {
  provider: Provider;
  /** Redirect URI registered with the provider app; default: `http://127.0.0.1:<ephemeral>/callback`. */
  redirectUri?: string;
  /** Opens `url` in a browser; false when that is impossible (the user will paste the redirect). */
  openBrowser: (url: string) => Promise<boolean>;
  /** Asks the user for the URL the browser was redirected to. `signal` aborts when no longer needed. */
  promptForRedirect: (signal?: AbortSignal) => Promise<string>;
  /** How long to wait for the redirect (default 5 minutes). */
  timeoutMs?: number;
  logger: Logger;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/** Runs the authorization code flow and returns the granted tokens (not yet stored). */
export async function runAuthorizationCodeFlow(options: AuthorizationCodeFlowOptions): Promise<TokenSet> {
  const { provider, logger } = options;
  const codeVerifier = generateRandomCodeVerifier();
  registerSecret(codeVerifier);
  const codeChallenge = await calculatePKCECodeChallenge(codeVerifier);
  const state = generateRandomState();

  // A non-loopback registered redirect (https://example.com/...) cannot reach us: paste only.
  const server = options.redirectUri && !isLoopbackRedirect(options.redirectUri) ? undefined : await startCallbackServer(options.redirectUri);
  const redirectUri = server?.redirectUri ?? (options.redirectUri as string);
  const abort = new AbortController();
  try {
    const oauth = oauthOf(provider);
    const url = oauth.authorizationUrl({ redirectUri, state, codeChallenge });
    logger.info({ provider: provider.id, redirect: new URL(redirectUri).origin }, 'waiting for authorization');
    const query = await waitForRedirect(url.href, server, options, abort.signal);
    const code = checkRedirect(query, state, provider.id);
    registerSecret(code);
    const tokens = await oauth.exchangeCode({ code, redirectUri, codeVerifier });
    registerSecret(tokens.accessToken);
    registerSecret(tokens.refreshToken);
    server?.respond({ ok: true, message: `Connected ${provider.displayName}, you can close this tab.` });
    logger.info({ provider: provider.id, kind: tokens.kind }, 'authorization granted');
    return tokens;
  } catch (error) {
    const failure = toWearablesError(error, 'AUTH_FAILED');
    server?.respond({ ok: false, message: `${failure.message} ${failure.hint ?? ''}`.trim() });
    throw failure;
  } finally {
    abort.abort();
    await server?.close();
  }
}

/** Waits for the callback, or (when no browser opened) the pasted URL, or the timeout. */
async function waitForRedirect(
  url: string,
  server: CallbackServer | undefined,
  options: AuthorizationCodeFlowOptions,
  signal: AbortSignal,
): Promise<URLSearchParams> {
  const providerId = options.provider.id;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const minutes = Math.max(1, Math.round(timeoutMs / 60_000));
      reject(
        new WearablesError('AUTH_FAILED', `No authorization from ${providerId} arrived within ${minutes} min.`, {
          hint: `Run \`wearables-mcp connect ${providerId}\` again and finish signing in within ${minutes} minutes.`,
        }),
      );
    }, timeoutMs);
  });
  // Not awaited before the race: a browser (or a test fetch) may only settle after our callback answered.
  const opened = options.openBrowser(url).catch(() => false);
  const pasted = opened.then((ok) =>
    ok && server ? new Promise<never>(() => undefined) : options.promptForRedirect(signal).then(parsePastedRedirect),
  );
  const candidates: Promise<URLSearchParams>[] = [pasted, timeout];
  if (server) candidates.push(server.callback);
  try {
    return await Promise.race(candidates);
  } finally {
    clearTimeout(timer);
  }
}

/** Accepts the full redirect URL or just its query string. */
export function parsePastedRedirect(text: string): URLSearchParams {
  const trimmed = text.trim();
  let query: URLSearchParams | undefined;
  try {
    query = new URL(trimmed).searchParams;
  } catch {
    if (/(^|[?&])(code|error)=/.test(trimmed)) query = new URLSearchParams(trimmed.slice(trimmed.indexOf('?') + 1));
  }
  if (!query || (!query.has('code') && !query.has('error'))) {
    throw new WearablesError('AUTH_FAILED', 'That is not the redirect URL (it has no code= or error= parameter).', {
      hint: 'Copy the whole address from the browser after approving access (it contains code= and state=) and run connect again.',
    });
  }
  return query;
}

/** Verifies `state`, surfaces provider errors and returns the authorization code. */
function checkRedirect(query: URLSearchParams, expectedState: string, providerId: string): string {
  const state = query.get('state');
  const error = query.get('error');
  if (state !== expectedState && !(error && state === null)) {
    throw new WearablesError('AUTH_FAILED', 'The redirect does not belong to this sign-in (state mismatch): possible CSRF; start again.', {
      hint: `Run \`wearables-mcp connect ${providerId}\` again and use only the newest browser tab.`,
    });
  }
  if (error === 'access_denied') {
    throw new WearablesError('AUTH_FAILED', `Access to ${providerId} was denied on the consent screen.`, {
      hint: `Run \`wearables-mcp connect ${providerId}\` again and approve access (all requested scopes).`,
    });
  }
  if (error) {
    const safeError = /^[a-z_]{1,64}$/.test(error) ? error : 'unknown_error';
    throw new WearablesError('AUTH_FAILED', `${providerId} refused the authorization (${safeError}).`, {
      hint: `Check the client id and redirect URI registered with ${providerId}, then run \`wearables-mcp connect ${providerId}\` again.`,
    });
  }
  const code = query.get('code');
  if (!code) {
    throw new WearablesError('AUTH_FAILED', `The redirect from ${providerId} carried no authorization code.`, {
      hint: `Run \`wearables-mcp connect ${providerId}\` again.`,
    });
  }
  return code;
}
