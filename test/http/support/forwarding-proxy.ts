/**
 * A minimal reverse proxy on 127.0.0.1 for tests, as nginx or a tunnel would be: it forwards every
 * request to `target` and appends the address it received the request from to
 * `X-Forwarded-For`, keeping whatever the client put there before it.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ForwardingProxy {
  url: string;
  close(): Promise<void>;
}

/** Starts the proxy in front of `target` (`http://127.0.0.1:<port>`). */
export async function startForwardingProxy(target: string): Promise<ForwardingProxy> {
  const upstream = new URL(target);
  const server: Server = createServer((incoming, outgoing) => {
    const prior = incoming.headers['x-forwarded-for'];
    const chain = [...(Array.isArray(prior) ? prior : prior ? [prior] : []), incoming.socket.remoteAddress ?? 'unknown'].join(', ');
    const forwarded = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, 'x-forwarded-for': chain } },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
