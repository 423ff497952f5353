/**
 * The Origin check compares scheme, host and port: a page served by another local app (another
 * port on localhost) is another origin and is refused, as is a configured origin on the wrong
 * port or scheme; the server's own origin and the configured ones are served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RAW_INITIALIZE as initialize, AUTHED_JSON_HEADERS as headers, rawRequest, startHttpHarness, type HttpHarness } from './support/http-harness.js';


describe('Origin check', () => {
  let harness: HttpHarness;
  beforeAll(async () => {
    harness = await startHttpHarness({ CORS_ORIGIN: 'https://app.example:8443', PUBLIC_BASE_URL: 'https://health.example.ngrok.dev' });
  });
  afterAll(async () => {
    await harness?.close();
  });

  const post = (origin: string) => rawRequest(harness.server.url, { method: 'POST', path: '/mcp', headers: { ...headers, origin }, body: initialize });

  it('refuses an allowed host on the wrong port or scheme', async () => {
    const port = harness.server.port;
    for (const origin of [`http://127.0.0.1:${port + 1}`, `http://localhost:${port === 8080 ? 8081 : 8080}`, 'http://localhost', 'https://app.example', 'http://app.example:8443', 'http://health.example.ngrok.dev', 'null']) {
      const response = await post(origin);
      expect(response.status, origin).toBe(403);
      expect(response.body).toContain('invalid_origin');
    }
  });

  it('serves its own origin, the public URL and the configured origins', async () => {
    const port = harness.server.port;
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`, 'https://health.example.ngrok.dev', 'https://app.example:8443']) {
      expect((await post(origin)).status, origin).toBe(200);
    }
  });
});
