/** Failures come back as isError results with a code and a next step; the server keeps running. */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { toWearablesError } from '../../src/core/errors.js';
import { createLogger } from '../../src/logging/logger.js';
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

/** The text of the log files under `dir/logs` once one holds `needle` (the file stream is asynchronous). */
async function waitForFileText(dir: string, needle: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const names = await readdir(join(dir, 'logs')).catch(() => [] as string[]);
    const texts = await Promise.all(names.map((name) => readFile(join(dir, 'logs', name), 'utf8')));
    const text = texts.join('');
    if (text.includes(needle)) return text;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no log line with "${needle}"`);
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
    const structured = result.structuredContent as { rows: unknown[]; warnings: string[] };
    expect(structured.rows.length).toBe(6);
    expect(structured.warnings.join(' ')).toMatch(/RATE_LIMITED.*may be incomplete/);
    await close();
  });

  it('a validation error for a 5,000-item array stays short instead of echoing the input', async () => {
    stub = await startStubOura();
    test = await createTestApp({ apiBaseUrl: stub.url, connect: true });
    const { client, close } = await connectClient(test.app);
    const { error, text } = await callError(client, 'get_oura_daily_metrics', { metrics: Array.from({ length: 5_000 }, (_, index) => `bogus-${index}`) });
    expect(error.code).toBe('VALIDATION_ERROR');
    // Refused by the argument bounds before parsing (src/mcp/tools/input-bounds.ts): nothing echoed.
    expect(error.message).toMatch(/bytes of JSON, more than/);
    expect(text).not.toContain('bogus-4999');
    expect(text.length).toBeLessThan(3_000);
    await close();
  });

  it('a tool that throws a TypeError gives INTERNAL_ERROR without its text, stack or a path; the stack reaches the log file only', async () => {
    stub = await startStubOura();
    test = await createTestApp({ apiBaseUrl: stub.url, connect: true });
    const { server, client, close } = await connectClient(test.app);
    const logDir = await mkdtemp(join(tmpdir(), 'wearables-internal-'));
    const logFile = join(logDir, 'logs', 'server.log');
    const terminal: string[] = [];
    const logger = await createLogger({ level: 'info', file: logFile, stderr: { write: (line: string) => terminal.push(line) } });
    const boom = defineTool({
      name: 'boom',
      title: 'Boom',
      description: 'Throws.',
      toolset: 'core',
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
      input: z.object({}),
      output: z.object({ ok: z.boolean() }),
      async handle() {
        throw new TypeError(`cannot read token ${TEST_TOKEN} in /home/someone/.config/file.json`);
      },
    });
    registerTool(server, boom, { ...test.app, logger });
    const { error, text } = await callError(client, 'boom', {});
    expect(error.code).toBe('INTERNAL_ERROR');
    expect(error.message).toBe('An unexpected internal error occurred (TypeError)');
    expect(error.hint).toMatch(/bug in wearables-mcp/);
    for (const leak of [TEST_TOKEN, 'cannot read', '/home/someone', 'errors.test.ts', '    at ']) expect(text).not.toContain(leak);
    const after = await client.callTool({ name: 'get_auth_status', arguments: {} });
    expect(after.isError).toBeFalsy();
    await close();

    const fileText = await waitForFileText(logDir, 'tool failed with an unexpected error');
    const line = JSON.parse(fileText.split('\n').find((entry) => entry.includes('tool failed')) as string) as { code: string; err: { stack: string } };
    expect(line.code).toBe('INTERNAL_ERROR');
    expect(line.err.stack).toContain('errors.test.ts');
    expect(fileText).not.toContain(TEST_TOKEN);
    const terminalText = terminal.join('');
    expect(terminalText).toContain('tool failed with an unexpected error');
    expect(terminalText).not.toContain('errors.test.ts');
    await rm(logDir, { recursive: true, force: true });
  });

  it('a file-system failure inside a tool gives FILE_ERROR with a next step and without the path', async () => {
    stub = await startStubOura();
    test = await createTestApp({ apiBaseUrl: stub.url, connect: true });
    const { server, client, close } = await connectClient(test.app);
    const blocker = join(await mkdtemp(join(tmpdir(), 'wearables-enotdir-')), 'a-file');
    await writeFile(blocker, 'x');
    const writer = defineTool({
      name: 'writer',
      title: 'Writer',
      description: 'Writes under a regular file.',
      toolset: 'core',
      annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false },
      input: z.object({}),
      output: z.object({ ok: z.boolean() }),
      async handle() {
        // A path under a regular file fails with ENOTDIR even for root (mode bits would not).
        await mkdir(join(blocker, 'sub'), { recursive: true });
        return { ok: true };
      },
    });
    registerTool(server, writer, test.app);
    // The same failure wrapped deeper down, as the sync engine does (toWearablesError with SYNC_ERROR).
    registerTool(server, { ...writer, name: 'wrapped_writer', handle: () => writer.handle({}, undefined as never).catch((caught: unknown) => {
      throw toWearablesError(caught, 'SYNC_ERROR');
    }) }, test.app);
    for (const name of ['writer', 'wrapped_writer']) {
      const { error, text } = await callError(client, name, {});
      expect(error.code).toBe('FILE_ERROR');
      expect(error.message).toContain('ENOTDIR');
      expect(error.hint).toMatch(/writable.*WEARABLES_MCP_HOME/);
      expect(text).not.toContain(blocker);
    }
    await close();
    await rm(dirname(blocker), { recursive: true, force: true });
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
