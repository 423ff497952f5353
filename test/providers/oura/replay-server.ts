/**
 * A loopback HTTP server that answers with recorded real Oura responses, for client tests that
 * need a specific recorded answer (the simulator covers the general behaviour).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccessTokenSource } from '../../../src/core/token-source.js';

export interface ReplayRoute {
  status: number;
  body: unknown;
}

export interface ReplayServer {
  url: string;
  /** Every request URL (path + query) received, in order. */
  requests: URL[];
  close(): Promise<void>;
}

/** Serves `routes[pathname]` (JSON) on 127.0.0.1; unknown paths answer 404. */
export async function startReplayServer(routes: Record<string, ReplayRoute>): Promise<ReplayServer> {
  const requests: URL[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    const route = routes[url.pathname] ?? { status: 404, body: { detail: 'Not Found' } };
    response.writeHead(route.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(route.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** A fixed personal access token (no refresh possible). */
export function personalToken(token: string): AccessTokenSource {
  return {
    getAccessToken: async () => token,
    refreshAfterUnauthorized: async () => {
      throw new Error('a personal token cannot be refreshed');
    },
  };
}
