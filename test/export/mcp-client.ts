/**
 * A real MCP `Client` linked in memory to the server of an app, with the client options a test
 * picks (capabilities, an elicitation handler, the protocol era).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client, type ClientOptions } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import type { AppContext } from '../../src/app/app-context.js';
import { createMcpServer } from '../../src/mcp/server.js';

export interface ToolAnswer {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
}

export interface Connection {
  client: Client;
  call(name: string, args: Record<string, unknown>): Promise<ToolAnswer>;
  close(): Promise<void>;
}

/** What the user answers to an elicitation, or nothing when the client cannot be asked. */
export type ElicitationAnswer = { action: 'accept'; content: Record<string, string | number | boolean | string[]> } | { action: 'decline' } | { action: 'cancel' };

export interface ConnectOptions {
  client?: ClientOptions;
  /** Declares `elicitation: { form: {} }` and answers every `elicitation/create` with this. */
  elicit?: (message: string) => ElicitationAnswer;
}

/** Connects a client to a fresh server of `app`. */
export async function connectWith(app: AppContext, options: ConnectOptions = {}): Promise<Connection> {
  const server = await createMcpServer(app);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const elicit = options.elicit;
  const client = new Client(
    { name: 'export-test-client', version: '1.0.0' },
    { ...options.client, ...(elicit ? { capabilities: { ...options.client?.capabilities, elicitation: { form: {} } } } : {}) },
  );
  if (elicit) client.setRequestHandler('elicitation/create', async (request) => elicit(request.params.message));
  await client.connect(clientTransport);
  return {
    client,
    call: async (name, args) => (await client.callTool({ name, arguments: args })) as ToolAnswer,
    async close() {
      await client.close();
      await server.close();
    },
  };
}

/** The structured error of a failed tool call. */
export function errorOf(answer: ToolAnswer): { code: string; message: string; hint: string } | undefined {
  return answer.structuredContent?.error as { code: string; message: string; hint: string } | undefined;
}

/** SHA-256 of a file's bytes. */
export function digest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
