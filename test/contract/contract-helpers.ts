/** Helpers of the provider contract suite: a real OAuth grant against a simulator, a refreshing token source. */
import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomState } from 'oauth4webapi';
import type { AccessTokenSource } from '../../src/core/token-source.js';
import type { TokenSet } from '../../src/core/token-set.js';
import { createAuthorizedHttp, type AuthorizedHttp } from '../../src/core/http.js';
import type { TimeWindow } from '../../src/core/types.js';
import type { Provider, ProviderPage } from '../../src/providers/provider.js';
import { oauthOf, resourceSpec } from '../../src/providers/provider.js';

export interface Grant {
  tokens: TokenSet;
  /** The PKCE verifier and code used (for negative tests). */
  codeVerifier: string;
  code: string;
}

/** Parameters of the authorization redirect (`code`, `state`, or `error`). */
export async function authorize(provider: Provider, redirectUri: string, codeChallenge: string, state: string): Promise<URLSearchParams> {
  const url = oauthOf(provider).authorizationUrl({ redirectUri, state, codeChallenge });
  const response = await fetch(url, { redirect: 'manual' });
  await response.body?.cancel();
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`authorize answered ${response.status} without a redirect`);
  return new URL(location).searchParams;
}

/** Runs authorization code + PKCE against the simulator: authorize (auto-approved), read `code`, exchange. */
export async function obtainGrant(provider: Provider, redirectUri: string): Promise<Grant> {
  const codeVerifier = generateRandomCodeVerifier();
  const state = generateRandomState();
  const redirect = await authorize(provider, redirectUri, await calculatePKCECodeChallenge(codeVerifier), state);
  if (redirect.get('state') !== state) throw new Error('state mismatch');
  const code = redirect.get('code');
  if (!code) throw new Error(`no code in the redirect (error=${redirect.get('error') ?? 'none'})`);
  const tokens = await oauthOf(provider).exchangeCode({ code, redirectUri, codeVerifier });
  return { tokens, codeVerifier, code };
}

export interface RefreshingTokens extends AccessTokenSource {
  current(): TokenSet;
  /** Refreshes performed through `provider.oauth.refresh`. */
  refreshes: number;
}

/** An in-test token source that refreshes for real through the provider's OAuth adapter. */
export function refreshingTokens(provider: Provider, initial: TokenSet): RefreshingTokens {
  let tokens = initial;
  const source: RefreshingTokens = {
    refreshes: 0,
    current: () => tokens,
    getAccessToken: async () => tokens.accessToken,
    refreshAfterUnauthorized: async (_provider, rejectedToken) => {
      // Someone else already refreshed: use theirs.
      if (tokens.accessToken !== rejectedToken) return tokens.accessToken;
      if (!tokens.refreshToken) throw new Error('no refresh token');
      tokens = await oauthOf(provider).refresh(tokens.refreshToken);
      source.refreshes++;
      return tokens.accessToken;
    },
  };
  return source;
}

export interface HttpRecorder {
  http: AuthorizedHttp;
  /** Every wait the HTTP layer asked for, in ms. */
  sleeps: number[];
}

/** Authorized HTTP with an injected sleep that records waits instead of waiting. */
export function recordingHttp(provider: Provider, tokens: AccessTokenSource): HttpRecorder {
  const sleeps: number[] = [];
  const http = createAuthorizedHttp({
    provider: provider.id,
    tokens,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { http, sleeps };
}

/** Drains `fetchWindow` into pages. */
export async function fetchPages(provider: Provider, resource: string, window: TimeWindow, http: AuthorizedHttp): Promise<ProviderPage[]> {
  const pages: ProviderPage[] = [];
  for await (const page of provider.fetchWindow(resourceSpec(provider, resource), window, { http })) pages.push(page);
  return pages;
}

/** Record ids (or sample timestamps for series) of fetched pages, in order. */
export function fetchedKeys(pages: readonly ProviderPage[]): string[] {
  return pages.flatMap((page) => [...page.records.map((record) => record.id), ...page.samples.map((sample) => String(sample.ts))]);
}
