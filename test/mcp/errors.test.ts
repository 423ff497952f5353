/** Failures come back as isError results with a code and a next step; the server keeps running. */
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { defineTool } from '../../src/mcp/tools/define-tool.js';
import { registerTool } from '../../src/mcp/tools/register-tool.js';
import { connectClient, createTestApp, TEST_TOKEN, type TestApp } from './support/harness.js';
import { seedOura } from './support/seed.js';
import { startStubOura, type StubOura } from './support/stub-oura.js';

interface ErrorShape {
  code: string;
  message: string;
  hint: string;
  retry_after_seconds: number | null;
}

async function callError(client: Client, name: string, args: Record<string, unknown>) {
  const result = await client.callTool({ name, arguments: args });
  expect(result.isError).toBe(true);
  const text = (result.content[0] as { text: string }).text;
  const error = (result.structuredContent as { error: ErrorShape }).error;
  expect(text).toBe(`${error.code}: ${error.message}.${error.retry_after_seconds !== null ? ` Retry after ${error.retry_after_seconds} s.` : ''} Next: ${error.hint}`);
  expect(error.hint.length).toBeGreaterThan(10);
  return { text, error };
}

describe('errors at the MCP boundary', () => {
  let stub: StubOura | undefined;
  let test: TestApp | undefined;
  afterEach(async () => {
    await test?.close();
    await stub?.close();
    test = undefined;
    stub = undefined;
  });

  it('invalid arguments become VALIDATION_ERROR naming the argument to fix', async () => {
    stub = await startStubOura();
    test = await createTestApp({ apiBaseUrl: stub.url, connect: true });
    const { client, close } = await connectClient(test.app);
    const badDate = await callError(client, 'get_oura_sleep_summary', { start_date: '2024-13-01' });
    expect(badDate.error.code).toBe('VALIDATION_ERROR');
    expect(badDate.error.message).toContain('start_date');
    expect(badDate.error.hint).toContain('YYYY-MM-DD');
    const reversed = await callError(client, 'get_oura_sleep_summary', { start_date: '2024-06-10', end_date: '2024-06-01' });
    expect(reversed.error.message).toMatch(/after end_date/);
    const unknownKey = await callError(client, 'get_oura_workouts', { start: '2024-06-01' });
    expect(unknownKey.error.message).toContain('start');
    expect(unknownKey.error.hint).toContain('start_date');
    await close();
  });

  it('a provider that is not connected gives NOT_CONNECTED with how to connect', async () => {
    stub = await startStubOura();
    // Demo mode keeps the Oura tools listed although no token is stored.
    test = await createTestApp({ apiBaseUrl: stub.url, demo: true });
    const { client, close } = await connectClient(test.app);
    const { error } = await callError(client, 'get_oura_readiness_score', { fresh: true });
    expect(error.code).toBe('NOT_CONNECTED');
    expect(error.hint).toContain('wearables-mcp connect oura');
    expect(stub.requests).toHaveLength(0);
    await close();
  });

  it('rate limiting upstream with an empty cache gives RATE_LIMITED with retry_after_seconds', async () => {
    stub = await startStubOura('rate-limited');
    test = await createTestApp({ apiBaseUrl: stub.url, connect: true });
    const { client, close } = await connectClient(test.app);
    const { error, text } = await callError(client, 'get_oura_readiness_score', {});
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retry_after_seconds).toBe(600);
    expect(text).not.toContain(TEST_TOKEN);
    await close();
  });

  it('rate limiting upstream with cached data answers from the cache with a warning', async () => {
    stub = await startStubOura('rate-limited');
    test = await createTestApp({ apiBaseUrl: stub.url, connect: true });
    await seedOura(test.app, '2024-06-15', 10);
    const { client, close } = await connectClient(test.app);
    const result = await client.callTool({ name: 'get_oura_readiness_score', arguments: { fresh: true } });
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as { days: unknown[]; warnings: string[] };
    expect(structured.days.length).toBe(6);
    expect(structured.warnings.join(' ')).toMatch(/RATE_LIMITED.*may be incomplete/);
    await close();
  });

  it('survives a tool that throws, without leaking the exception text, and keeps answering', async () => {
    stub = await startStubOura();
    test = await createTestApp({ apiBaseUrl: stub.url, connect: true });
    const { server, client, close } = await connectClient(test.app);
    const boom = defineTool({
      name: 'boom',
      title: 'Boom',
      description: 'Throws.',
      toolset: 'core',
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
      input: z.object({}),
      output: z.object({ ok: z.boolean() }),
      async handle() {
        throw new TypeError(`cannot read token ${TEST_TOKEN}`);
      },
    });
    registerTool(server, boom, test.app);
    const { error, text } = await callError(client, 'boom', {});
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(text).not.toContain(TEST_TOKEN);
    const after = await client.callTool({ name: 'get_auth_status', arguments: {} });
    expect(after.isError).toBeFalsy();
    await close();
  });

  it('a closed store gives CACHE_ERROR from reads while health_check still answers (unhealthy)', async () => {
    stub = await startStubOura();
    test = await createTestApp({ apiBaseUrl: stub.url, connect: true });
    const { client, close } = await connectClient(test.app);
    await test.app.store.close();
    const { error } = await callError(client, 'get_oura_workouts', {});
    expect(error.code).toBe('CACHE_ERROR');
    const health = await client.callTool({ name: 'health_check', arguments: {} });
    expect(health.isError).toBeFalsy();
    expect(health.structuredContent).toMatchObject({ status: 'unhealthy', cache: { readable: false } });
    await close();
  });
});
