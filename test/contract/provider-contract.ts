/**
 * The provider contract suite: every provider (Oura, WHOOP, Withings) runs it against its
 * simulator over real HTTP. It checks what the sync engine relies on: paging to the end with
 * each document exactly once, one refresh-and-retry on 401, AUTH_FAILED with a reconnect hint
 * for a revoked grant, waiting out 429 (and RATE_LIMITED when the budget is spent), retries on
 * 5xx and malformed bodies, the authorization code + PKCE exchange and refresh rotation, and —
 * with a store — that storing the same window twice changes nothing.
 */
import { calculatePKCECodeChallenge, generateRandomCodeVerifier } from 'oauth4webapi';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TimeWindow } from '../../src/core/types.js';
import type { OAuthProvider } from '../../src/providers/provider.js';
import type { Store } from '../../src/store/store.js';
import { authorize, fetchedKeys, fetchPages, obtainGrant, recordingHttp, refreshingTokens, type Grant } from './contract-helpers.js';

/** What the suite needs to steer a provider's simulator. Faults apply to data routes only. */
export interface ContractControl {
  /** The next `count` data requests answer `status` (5xx). */
  failNext(count: number, status?: number): void;
  /** The next `count` data requests answer 200 with a truncated JSON body. */
  malformNext(count: number): void;
  /** The next `count` data requests answer 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitNext(count: number, retryAfterSeconds: number): void;
  /** Makes current access tokens expire (grants stay valid, so a refresh works). */
  expireAccessTokens(): void;
  /** Revokes every grant and token. */
  revokeAllTokens(): void;
  clearFaults(): void;
  /** Successful refresh-token uses the simulator saw. */
  tokenRefreshes(): number;
}

export interface ProviderContractOptions<S> {
  name: string;
  startSimulator(): Promise<S>;
  stopSimulator(simulator: S): Promise<void>;
  createProvider(simulator: S): OAuthProvider;
  control(simulator: S): ContractControl;
  /** A loopback redirect URI the simulator accepts. */
  redirectUri: string;
  /** A document resource and window that spans several pages, and the ids the simulator holds there. */
  paged: { resource: string; window: TimeWindow; minPages: number; expectedIds(simulator: S): string[] };
  /** A cheap resource/window for the fault tests (one page is enough). */
  probe: { resource: string; window: TimeWindow };
  /** When given, the idempotent-upsert check runs against a fresh store from here. */
  openStore?: () => Promise<Store>;
}

/** Registers the contract tests for one provider. */
export function runProviderContract<S>(options: ProviderContractOptions<S>): void {
  describe(`provider contract: ${options.name}`, () => {
    let simulator: S;
    let provider: OAuthProvider;
    let control: ContractControl;
    let grant: Grant;

    beforeAll(async () => {
      simulator = await options.startSimulator();
      provider = options.createProvider(simulator);
      control = options.control(simulator);
    });
    afterAll(async () => {
      await options.stopSimulator(simulator);
    });
    beforeEach(async () => {
      control.clearFaults();
      grant = await obtainGrant(provider, options.redirectUri);
    });

    const fetchProbe = (tokens = refreshingTokens(provider, grant.tokens)) => {
      const recorder = recordingHttp(provider, tokens);
      return { tokens, recorder, run: () => fetchPages(provider, options.probe.resource, options.probe.window, recorder.http) };
    };

    it('pages to the end and returns each document exactly once', async () => {
      const { recorder } = fetchProbe();
      const pages = await fetchPages(provider, options.paged.resource, options.paged.window, recorder.http);
      const ids = fetchedKeys(pages);
      expect(pages.length).toBeGreaterThanOrEqual(options.paged.minPages);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual([...options.paged.expectedIds(simulator)].sort());
    });

    it('answers 401 with exactly one refresh, then the retry succeeds', async () => {
      const { tokens, run } = fetchProbe();
      const before = control.tokenRefreshes();
      control.expireAccessTokens();
      const pages = await run();
      expect(pages.length).toBeGreaterThan(0);
      expect(tokens.refreshes).toBe(1);
      expect(control.tokenRefreshes() - before).toBe(1);
      expect(tokens.current().accessToken).not.toBe(grant.tokens.accessToken);
    });

    it('a revoked grant fails with AUTH_FAILED and a hint naming `wearables-mcp connect`', async () => {
      const { run } = fetchProbe();
      control.revokeAllTokens();
      const error = await run().catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'AUTH_FAILED' });
      expect((error as { hint?: string }).hint).toContain(`wearables-mcp connect ${options.name}`);
      expectNoSecrets(error, grant);
    });

    it('waits out a 429 for its Retry-After, then succeeds', async () => {
      const { recorder, run } = fetchProbe();
      control.rateLimitNext(1, 7);
      await expect(run()).resolves.not.toHaveLength(0);
      expect(recorder.sleeps).toEqual([7000]);
    });

    it('gives up with RATE_LIMITED and retryAfterSeconds when the 429 budget is spent', async () => {
      const { recorder, run } = fetchProbe();
      control.rateLimitNext(10, 5);
      const error = await run().catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 5 });
      expect(recorder.sleeps.length).toBeGreaterThan(0);
      expect(recorder.sleeps.every((ms) => ms === 5000)).toBe(true);
    });

    it('retries 5xx answers and then succeeds', async () => {
      const { recorder, run } = fetchProbe();
      control.failNext(2, 503);
      await expect(run()).resolves.not.toHaveLength(0);
      expect(recorder.sleeps).toHaveLength(2);
    });

    it('retries a malformed body, and reports UPSTREAM_ERROR when it persists', async () => {
      const first = fetchProbe();
      control.malformNext(1);
      await expect(first.run()).resolves.not.toHaveLength(0);
      expect(first.recorder.sleeps).toHaveLength(1);

      control.malformNext(20);
      const error = await fetchProbe().run().catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'UPSTREAM_ERROR' });
    });

    it('exchanges an authorization code with PKCE; refresh rotates; an old refresh token is refused', async () => {
      expect(grant.tokens).toMatchObject({ kind: 'oauth' });
      expect(grant.tokens.expiresAt).toBeGreaterThan(Date.now());
      const rotated = await provider.oauth.refresh(grant.tokens.refreshToken as string);
      expect(rotated.accessToken).not.toBe(grant.tokens.accessToken);
      expect(rotated.refreshToken).toBeDefined();
      expect(rotated.refreshToken).not.toBe(grant.tokens.refreshToken);

      const reused = await provider.oauth.refresh(grant.tokens.refreshToken as string).catch((caught: unknown) => caught);
      expect(reused).toMatchObject({ code: 'AUTH_FAILED' });
      expect((reused as { hint?: string }).hint).toContain(`wearables-mcp connect ${options.name}`);
      expectNoSecrets(reused, grant);
    });

    it('refuses a code exchanged with the wrong PKCE verifier (without PKCE: a replayed code), without echoing secrets', async () => {
      if (!provider.oauth.pkce) {
        // Providers without PKCE (Withings): a code is single-use, so replaying it must fail.
        const replayed = await provider.oauth
          .exchangeCode({ code: grant.code, redirectUri: options.redirectUri, codeVerifier: grant.codeVerifier })
          .catch((caught: unknown) => caught);
        expect(replayed).toMatchObject({ code: 'AUTH_FAILED' });
        expectNoSecrets(replayed, grant);
        return;
      }
      const verifier = generateRandomCodeVerifier();
      const redirect = await authorize(provider, options.redirectUri, await calculatePKCECodeChallenge(verifier), 'state-1');
      const code = redirect.get('code') as string;
      const error = await provider.oauth
        .exchangeCode({ code, redirectUri: options.redirectUri, codeVerifier: generateRandomCodeVerifier() })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'AUTH_FAILED' });
      expect(JSON.stringify(error) + String(error)).not.toContain(code);
    });

    if (options.openStore) {
      const openStore = options.openStore;
      it('storing the same window twice changes nothing the second time', async () => {
        const store = await openStore();
        try {
          const { recorder } = fetchProbe();
          const upsertAll = async () => {
            const pages = await fetchPages(provider, options.paged.resource, options.paged.window, recorder.http);
            return store.upsertRecords(pages.flatMap((page) => page.records));
          };
          const first = await upsertAll();
          expect(first.created).toBe(options.paged.expectedIds(simulator).length);
          expect(await upsertAll()).toEqual({ created: 0, updated: 0, unchanged: first.created });
        } finally {
          await store.close();
        }
      });
    }
  });
}

function expectNoSecrets(error: unknown, grant: Grant): void {
  const text = `${String(error)} ${JSON.stringify(error)} ${(error as { hint?: string }).hint ?? ''}`;
  for (const secret of [grant.tokens.accessToken, grant.tokens.refreshToken, grant.code, grant.codeVerifier]) {
    if (secret) expect(text).not.toContain(secret);
  }
}
