/**
 * A tiny HTTP server on 127.0.0.1 standing in for the Oura API where a test needs a fixed answer:
 * empty collections (nothing new upstream), or a failure mode (429 with Retry-After, 500).
 * Tests that need realistic data use the seeded store or the simulator instead.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StubMode = 'empty' | 'rate-limited' | 'server-error';

export interface StubOura {
  url: string;
  mode: StubMode;
  requests: string[];
  close(): Promise<void>;
}

/** Starts the stub; `mode` can be changed between calls. */
export async function startStubOura(initial: StubMode = 'empty'): Promise<StubOura> {
  const stub: StubOura = { url: '', mode: initial, requests: [], close: async () => undefined };
  const server: Server = createServer((request, response) => {
    stub.requests.push(request.url ?? '');
    if (stub.mode === 'rate-limited') {
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '600' });
      response.end(JSON.stringify({ detail: 'Too many requests' }));
      return;
    }
    if (stub.mode === 'server-error') {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ detail: 'boom' }));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    if (request.url?.startsWith('/v2/usercollection/personal_info')) {
      response.end(JSON.stringify({ id: 'user-1', age: 35, weight: 70, height: 1.8, biological_sex: 'male', email: 'x@example.com' }));
      return;
    }
    response.end(JSON.stringify({ data: [], next_token: null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return stub;
}
