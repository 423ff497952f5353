/**
 * The loopback HTTP server that receives the OAuth redirect during `connect` (RFC 8252 §7.3):
 * bound to 127.0.0.1 only, one callback path, the browser's request held open until the flow
 * knows the outcome so the page can say whether connecting worked. The page never shows tokens.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WearablesError } from '../core/errors.js';

const DEFAULT_PATH = '/callback';

export interface CallbackServer {
  /** The redirect URI to register in the authorization request. */
  readonly redirectUri: string;
  /** Resolves with the query of the first request to the callback path. */
  readonly callback: Promise<URLSearchParams>;
  /** Answers the browser request that delivered the callback (no-op if none is waiting). */
  respond(outcome: { ok: boolean; message: string }): void;
  close(): Promise<void>;
}

/** Whether `redirectUri` points at this machine over plain HTTP, so a loopback server can receive it. */
export function isLoopbackRedirect(redirectUri: string): boolean {
  const url = new URL(redirectUri);
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/**
 * Starts the callback server: on the port and path of `redirectUri` when given (it must be a
 * loopback http URI), else on an ephemeral port with path `/callback`.
 */
export async function startCallbackServer(redirectUri?: string): Promise<CallbackServer> {
  const configured = redirectUri ? new URL(redirectUri) : undefined;
  const path = configured?.pathname && configured.pathname !== '/' ? configured.pathname : DEFAULT_PATH;
  const port = configured ? Number(configured.port || 80) : 0;

  let deliver: (query: URLSearchParams) => void = () => undefined;
  const callback = new Promise<URLSearchParams>((resolve) => (deliver = resolve));
  let pending: ServerResponse | undefined;
  let delivered = false;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET' || url.pathname !== path) {
      sendPage(response, 404, 'Not found', 'This address only receives the wearables-mcp sign-in redirect.');
      return;
    }
    if (delivered) {
      sendPage(response, 409, 'Already handled', 'This sign-in was already handled; return to the terminal.');
      return;
    }
    delivered = true;
    pending = response;
    deliver(url.searchParams);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new WearablesError('CONFIG_ERROR', `Cannot listen for the sign-in redirect on 127.0.0.1:${port} (${error.code ?? error.message}).`, {
          hint: 'Free that port, or configure another redirect URI (it must match the one registered with the provider app).',
          cause: error,
        }),
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  const uri = configured ? configured.href : `http://127.0.0.1:${actualPort}${path}`;

  return {
    redirectUri: uri,
    callback,
    respond(outcome) {
      if (!pending) return;
      const title = outcome.ok ? 'Connected' : 'Not connected';
      sendPage(pending, outcome.ok ? 200 : 400, title, outcome.message);
      pending = undefined;
    },
    async close() {
      if (pending) sendPage(pending, 400, 'Not connected', 'Sign-in was cancelled; return to the terminal.');
      pending = undefined;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}

function sendPage(response: ServerResponse, status: number, title: string, message: string): void {
  const body =
    `<!doctype html><html><head><meta charset="utf-8"><title>wearables-mcp: ${escapeHtml(title)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto"><h1>${escapeHtml(title)}</h1>` +
    `<p>${escapeHtml(message)}</p></body></html>`;
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  response.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
