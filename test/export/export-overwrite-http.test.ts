/**
 * Overwrite confirmation over `serve --http`: a 2026-07-28 client fulfils the `input_required`
 * elicitation (the user's answer) and retries; a stateless 2025-era Streamable HTTP request,
 * which cannot carry a server-to-client question, is refused with the CLI command instead.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedOura } from '../mcp/support/seed.js';
import { AUTH_TOKEN, startHttpHarness, type HttpHarness } from '../http/support/http-harness.js';
import { errorOf, type ElicitationAnswer, type ToolAnswer } from './mcp-client.js';

let harness: HttpHarness;
const target = (): string => join(harness.test.dir, 'exports', 'sleep.csv');
const ARGS = { kind: 'sleep', format: 'csv', provider: 'oura', path: 'sleep.csv', overwrite: true };

beforeAll(async () => {
  harness = await startHttpHarness();
  await seedOura(harness.test.app, '2024-06-15', 7);
  mkdirSync(join(harness.test.dir, 'exports'), { recursive: true });
});
afterAll(async () => harness?.close());
beforeEach(() => writeFileSync(target(), 'precious'));

async function callOverHttp(modern: boolean, answer: ElicitationAnswer): Promise<{ answer: ToolAnswer; questions: string[] }> {
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', harness.server.url), { requestInit: { headers: { Authorization: `Bearer ${AUTH_TOKEN}` } } });
  const client = new Client(
    { name: 'export-http-test', version: '1.0.0' },
    { capabilities: { elicitation: { form: {} } }, ...(modern ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {}) },
  );
  const questions: string[] = [];
  client.setRequestHandler('elicitation/create', async (request) => (questions.push(request.params.message), answer));
  await client.connect(transport);
  try {
    return { answer: (await client.callTool({ name: 'export_data', arguments: ARGS })) as ToolAnswer, questions };
  } finally {
    await client.close();
  }
}

describe('overwrite confirmation over HTTP', () => {
  it('2026-07-28: accepted -> replaced (one question, naming the file)', async () => {
    const { answer, questions } = await callOverHttp(true, { action: 'accept', content: { confirm: true } });
    expect(answer.isError, JSON.stringify(answer.content)).toBeFalsy();
    expect(questions).toHaveLength(1);
    expect(questions[0]).toContain('sleep.csv');
    expect(readFileSync(target(), 'utf8')).not.toBe('precious');
  });

  it('2026-07-28: declined -> untouched', async () => {
    const { answer } = await callOverHttp(true, { action: 'decline' });
    expect(errorOf(answer)?.code).toBe('FILE_EXISTS');
    expect(readFileSync(target(), 'utf8')).toBe('precious');
  });

  it('stateless 2025-era request: refused with the CLI command, nobody asked', async () => {
    const { answer, questions } = await callOverHttp(false, { action: 'accept', content: { confirm: true } });
    expect(errorOf(answer)).toMatchObject({ code: 'FILE_EXISTS', hint: expect.stringContaining('wearables-mcp export --root exports --out sleep.csv') });
    expect(questions).toEqual([]);
    expect(readFileSync(target(), 'utf8')).toBe('precious');
  });
});
