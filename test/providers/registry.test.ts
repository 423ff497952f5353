/** The provider registry and Oura's OAuth configuration (no network: URLs are only built). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createStandardOAuthAdapter } from '../../src/providers/standard-oauth.js';
import { createProviders } from '../../src/providers/registry.js';
import { ouraOAuthEndpoints } from '../../src/providers/oura/oauth.js';

const home = mkdtempSync(join(tmpdir(), 'registry-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('createProviders', () => {
  it('builds Oura from config: real authorize URL with scopes, state and the PKCE challenge', () => {
    const config = loadConfig({ env: { OURA_CLIENT_ID: 'client-abc', OURA_CLIENT_SECRET: 'secret-xyz' }, flags: { home } });
    const oura = createProviders(config).get('oura');
    expect(oura?.resources.map((resource) => resource.name)).toContain('heartrate');
    const url = oura!.oauth!.authorizationUrl({ redirectUri: 'http://127.0.0.1:8765/callback', state: 'st', codeChallenge: 'ch' });
    expect(`${url.origin}${url.pathname}`).toBe('https://cloud.ouraring.com/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-abc',
      redirect_uri: 'http://127.0.0.1:8765/callback',
      scope: 'email personal daily heartrate workout tag session spo2Daily',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
    expect(url.href).not.toContain('secret-xyz');
  });

  it('without a client id, OAuth calls say which settings to add (personal tokens still work)', async () => {
    const oura = createProviders(loadConfig({ env: {}, flags: { home } })).get('oura')!;
    expect(oura.capabilities.personalToken).toBe(true);
    expect(() => oura.oauth!.authorizationUrl({ redirectUri: 'http://127.0.0.1/cb', state: 's', codeChallenge: 'c' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_ERROR', hint: expect.stringContaining('OURA_CLIENT_ID') }),
    );
    await expect(oura.oauth!.refresh('r')).rejects.toMatchObject({ code: 'CONFIG_ERROR' });
  });
});

describe('Oura OAuth endpoints', () => {
  it('real Oura: token and revoke on the API host (spec securitySchemes); a simulator serves all three', () => {
    expect(ouraOAuthEndpoints({ apiBaseUrl: 'https://api.ouraring.com', authBaseUrl: 'https://cloud.ouraring.com' })).toEqual({
      authorizationEndpoint: 'https://cloud.ouraring.com/oauth/authorize',
      tokenEndpoint: 'https://api.ouraring.com/oauth/token',
      revocationEndpoint: 'https://api.ouraring.com/oauth/revoke',
    });
    expect(ouraOAuthEndpoints({ apiBaseUrl: 'http://127.0.0.1:9/oura', authBaseUrl: 'http://127.0.0.1:9/oura/' }).tokenEndpoint).toBe(
      'http://127.0.0.1:9/oura/oauth/token',
    );
  });
});

describe('standard OAuth adapter', () => {
  it('refuses plain http to a non-loopback token endpoint without sending anything', async () => {
    const calls: string[] = [];
    const adapter = createStandardOAuthAdapter({
      provider: 'oura',
      authorizationEndpoint: 'http://auth.example.test/oauth/authorize',
      tokenEndpoint: 'http://auth.example.test/oauth/token',
      clientId: 'id',
      clientSecret: 'secret-value',
      scopes: ['daily'],
      pkce: true,
      clientAuth: 'post',
      fetch: async (input) => {
        calls.push(String(input));
        return new Response('{}');
      },
    });
    const error = await adapter.refresh('refresh-value').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'CONFIG_ERROR', message: expect.stringContaining('https') });
    expect(String(error)).not.toContain('refresh-value');
    expect(calls).toEqual([]);
  });
});
