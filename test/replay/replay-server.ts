/**
 * The replay server: a loopback HTTP server answering with recorded real responses
 * (`../shared/specs/recorded/`). A handler per provider maps each request (method, path, query
 * and form parameters) to a recorded file in that provider's API shape; the server remembers
 * every request and every file it served, so suites can assert the client asked what it should
 * and that every recorded file went through the real client, normalizer and store.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReplayRequest {
  method: string;
  path: string;
  /** Query parameters, then form fields (Withings POSTs). */
  params: Record<string, string>;
}

export interface ReplayAnswer {
  status: number;
  body: unknown;
  /** The recorded file served (path under `specs/recorded/`), for coverage. */
  file?: string;
}

/** Maps a request to an answer; undefined means 404. */
export type ReplayHandler = (request: ReplayRequest) => ReplayAnswer | undefined;

export interface ReplayServer {
  url: string;
  requests: ReplayRequest[];
  /** Recorded files served at least once. */
  served: Set<string>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts a replay server on 127.0.0.1 with `handler`. */
export async function startReplay(handler: ReplayHandler): Promise<ReplayServer> {
  const requests: ReplayRequest[] = [];
  const served = new Set<string>();
  const server = createServer((incoming, response) => {
    void (async () => {
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
      const params = Object.fromEntries(url.searchParams);
      const text = await readBody(incoming);
      if (text && (incoming.headers['content-type'] ?? '').includes('x-www-form-urlencoded')) Object.assign(params, Object.fromEntries(new URLSearchParams(text)));
      const request: ReplayRequest = { method: incoming.method ?? 'GET', path: url.pathname, params };
      requests.push(request);
      const answer = handler(request) ?? { status: 404, body: { detail: 'Not Found' } };
      if (answer.file) served.add(answer.file);
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    served,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
