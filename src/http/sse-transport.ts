/**
 * The legacy HTTP+SSE transport (protocol 2024-11-05), for clients that still use it: `GET /sse`
 * opens an event stream whose first event names the endpoint to POST messages to
 * (`/messages?sessionId=...`); responses and notifications flow back over the stream.
 * The SDK v2 ships no server side of it, so this is a small `Transport` over a web stream.
 */
import { randomUUID } from 'node:crypto';
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/server';

const encoder = new TextEncoder();

export interface SseTransportOptions {
  /** Path clients POST to; the session id is appended as `?sessionId=`. */
  messagesPath: string;
  /** Comment frames keep proxies (ngrok, nginx) from closing an idle stream; 0 disables. */
  keepAliveMs?: number;
}

/** One SSE session: the stream to the client and the message intake from its POSTs. */
export class SseServerTransport implements Transport {
  readonly sessionId: string = randomUUID();
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];
  /** The `text/event-stream` body to answer `GET /sse` with. */
  readonly stream: ReadableStream<Uint8Array>;
  private controller?: ReadableStreamDefaultController<Uint8Array>;
  private keepAlive?: NodeJS.Timeout;
  private closed = false;

  constructor(options: SseTransportOptions) {
    this.stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
        controller.enqueue(encoder.encode(`event: endpoint\ndata: ${options.messagesPath}?sessionId=${this.sessionId}\n\n`));
      },
      cancel: () => {
        void this.close();
      },
    });
    const keepAliveMs = options.keepAliveMs ?? 15_000;
    if (keepAliveMs > 0) {
      this.keepAlive = setInterval(() => this.write(': keep-alive\n\n'), keepAliveMs);
      this.keepAlive.unref();
    }
  }

  async start(): Promise<void> {}

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) throw new Error('SSE session closed');
    this.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  }

  /** Delivers one POSTed message (already parsed) to the server side. */
  receive(message: JSONRPCMessage, request: Request): void {
    this.onmessage?.(message, { request });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepAlive);
    try {
      this.controller?.close();
    } catch {
      // Already closed by the client going away.
    }
    this.onclose?.();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private write(frame: string): void {
    if (this.closed) return;
    try {
      this.controller?.enqueue(encoder.encode(frame));
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
      void this.close();
    }
  }
}
