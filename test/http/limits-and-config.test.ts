/** Rate limiting of the MCP routes (429 + Retry-After) and the settings that refuse unsafe setups. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WearablesError } from '../../src/core/errors.js';
import { allowedHostnames, loadHttpConfig } from '../../src/http/http-config.js';
import { AUTH_TOKEN, RAW_INITIALIZE as initialize, AUTHED_JSON_HEADERS as headers, connectStreamable, rawRequest, startHttpHarness, type HttpHarness } from './support/http-harness.js';


describe('rate limiting', () => {
  let harness: HttpHarness;
  beforeAll(async () => {
    harness = await startHttpHarness({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MINUTES: '15' });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('answers 429 with Retry-After once a client used its budget; /health is not limited', async () => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const response = await rawRequest(harness.server.url, { method: 'POST', path: '/mcp', headers, body: initialize });
      expect(response.status).toBe(200);
      expect(response.headers['ratelimit-remaining']).toBe(String(3 - attempt));
    }
    const limited = await rawRequest(harness.server.url, { method: 'POST', path: '/mcp', headers, body: initialize });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    await expect(connectStreamable(harness.server.url, { token: AUTH_TOKEN })).rejects.toThrow();
    // Unauthenticated attempts have their own bucket: they neither spend nor share the client's.
    expect((await rawRequest(harness.server.url, { method: 'GET', path: '/sse' })).status).toBe(401);
    expect((await rawRequest(harness.server.url, { path: '/health' })).status).toBe(200);
  });
});

describe('HTTP settings', () => {
  it('refuses to serve beyond loopback without AUTH_TOKEN: a non-loopback address, a public URL or a foreign allowed host', () => {
    for (const env of [{ PUBLIC_BASE_URL: 'https://health.example.ngrok.dev' }, { ALLOWED_HOSTS: 'nas.local' }, { HTTP_HOST: '192.168.1.20' }]) {
      expect(() => loadHttpConfig(env), JSON.stringify(env)).toThrow(WearablesError);
      expect(() => loadHttpConfig(env)).toThrow(/without AUTH_TOKEN/);
    }
    expect(loadHttpConfig({ PUBLIC_BASE_URL: 'http://127.0.0.1:3001', ALLOWED_HOSTS: 'localhost' }).authToken).toBeUndefined();
    expect(loadHttpConfig({ AUTH_TOKEN, PUBLIC_BASE_URL: 'https://health.example.ngrok.dev' }).publicBaseUrl).toBe('https://health.example.ngrok.dev');
  });

  it('refuses to listen on a non-loopback address without AUTH_TOKEN', () => {
    expect(() => loadHttpConfig({ HTTP_HOST: '0.0.0.0' })).toThrow(WearablesError);
    expect(() => loadHttpConfig({}, { host: '192.168.1.20' })).toThrow(/AUTH_TOKEN/);
    expect(loadHttpConfig({}).host).toBe('127.0.0.1');
    expect(loadHttpConfig({ AUTH_TOKEN }, { host: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('rejects weak tokens and bad numbers, naming the setting', () => {
    expect(() => loadHttpConfig({ AUTH_TOKEN: 'short' })).toThrow(/authToken/);
    expect(() => loadHttpConfig({ RATE_LIMIT_MAX: 'lots' })).toThrow(/rateLimit\.max/);
  });

  it('allows the public URL host and ALLOWED_HOSTS besides loopback', () => {
    const config = loadHttpConfig({ AUTH_TOKEN, PUBLIC_BASE_URL: 'https://health.example.ngrok.dev/', ALLOWED_HOSTS: 'nas.local' });
    expect(config.publicBaseUrl).toBe('https://health.example.ngrok.dev');
    expect(allowedHostnames(config)).toEqual(expect.arrayContaining(['127.0.0.1', 'localhost', 'health.example.ngrok.dev', 'nas.local']));
    expect(allowedHostnames(config)).not.toContain('evil.example');
  });
});
