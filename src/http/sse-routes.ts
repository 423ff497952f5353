/**
 * `GET /sse` + `POST /messages?sessionId=` (the legacy HTTP+SSE transport). Each session gets its
 * own server from the one factory (`createMcpServer`). `POST /sse` is answered by the Streamable
 * HTTP handler, as clients such as Poke send Streamable HTTP to the `/sse` URL.
 */
import { Hono } from 'hono';
import type { JSONRPCMessage, McpServer } from '@modelcontextprotocol/server';
import type { Logger } from '../logging/logger.js';
import { payloadTooLarge, readBodyLimited } from './read-body.js';
import { SseServerTransport } from './sse-transport.js';

export interface SseRoutesOptions {
  createServer: () => Promise<McpServer>;
  logger: Logger;
  /** Refuse new streams beyond this many open sessions (default 32). */
  maxSessions?: number;
  keepAliveMs?: number;
}

export interface SseSessions {
  routes: Hono;
  /** Open sessions right now. */
  count(): number;
  /** Closes every open stream (shutdown). */
  closeAll(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** Builds the SSE routes (mounted at the root: they answer `/sse`, `/messages` and `/message`). */
export function createSseRoutes(options: SseRoutesOptions): SseSessions {
  const sessions = new Map<string, { transport: SseServerTransport; server: McpServer }>();
  const maxSessions = options.maxSessions ?? 32;
  const app = new Hono();

  app.get('/sse', async () => {
    if (sessions.size >= maxSessions) {
      return Response.json({ error: 'too_many_sessions', error_description: 'Too many open SSE sessions; close one and retry.' }, { status: 503 });
    }
    const transport = new SseServerTransport({ messagesPath: '/messages', ...(options.keepAliveMs === undefined ? {} : { keepAliveMs: options.keepAliveMs }) });
    const server = await options.createServer();
    sessions.set(transport.sessionId, { transport, server });
    transport.onclose = () => {
      sessions.delete(transport.sessionId);
      void server.close().catch(() => undefined);
    };
    transport.onerror = (error) => options.logger.debug({ err: error }, 'SSE stream error');
    await server.connect(transport);
    options.logger.info({ sessions: sessions.size }, 'SSE session opened');
    return new Response(transport.stream, {
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' },
    });
  });

  const post = async (request: Request, sessionId: string | undefined): Promise<Response> => {
    const session = sessionId ? sessions.get(sessionId) : undefined;
    if (!session || session.transport.isClosed) {
      return Response.json({ error: 'unknown_session', error_description: 'No open SSE session with this id; open GET /sse again.' }, { status: 404 });
    }
    if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) {
      return Response.json({ error: 'unsupported_media_type', error_description: 'POST JSON-RPC with Content-Type: application/json.' }, { status: 415 });
    }
    const body = await readBodyLimited(request, MAX_MESSAGE_BYTES);
    if (!body.ok) return payloadTooLarge(MAX_MESSAGE_BYTES);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.text);
    } catch {
      return Response.json({ error: 'parse_error', error_description: 'The body is not JSON.' }, { status: 400 });
    }
    const messages = (Array.isArray(parsed) ? parsed : [parsed]) as JSONRPCMessage[];
    if (messages.some((message) => typeof message !== 'object' || message === null || (message as { jsonrpc?: unknown }).jsonrpc !== '2.0')) {
      return Response.json({ error: 'invalid_request', error_description: 'The body is not a JSON-RPC 2.0 message.' }, { status: 400 });
    }
    for (const message of messages) session.transport.receive(message, request);
    return new Response('Accepted', { status: 202 });
  };
  app.post('/messages', (c) => post(c.req.raw, c.req.query('sessionId')));
  app.post('/message', (c) => post(c.req.raw, c.req.query('sessionId')));

  return {
    routes: app,
    count: () => sessions.size,
    async closeAll() {
      await Promise.all([...sessions.values()].map(({ transport }) => transport.close()));
    },
  };
}
