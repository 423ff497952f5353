/**
 * Replacing an existing export from `export_data` needs the user's own yes, asked through MCP
 * elicitation by a real client (2025-era push and 2026-07-28 input_required); a client without
 * elicitation is refused with the CLI command, and that command really replaces the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerExportCommand } from '../../src/cli/export.js';
import { createTestApp, type TestApp } from '../mcp/support/harness.js';
import { seedOura } from '../mcp/support/seed.js';
import { connectWith, errorOf, type ElicitationAnswer } from './mcp-client.js';

let test: TestApp;
const target = (): string => join(test.dir, 'exports', 'sleep.csv');
const ARGS = { kind: 'sleep', format: 'csv', provider: 'oura', path: 'sleep.csv' };

beforeAll(async () => {
  test = await createTestApp({ apiBaseUrl: 'http://127.0.0.1:9', connect: true });
  await seedOura(test.app, '2024-06-15', 7);
  const first = await connectWith(test.app);
  expect((await first.call('export_data', ARGS)).isError).toBeFalsy();
  await first.close();
});
afterAll(async () => test.close());
beforeEach(() => writeFileSync(target(), 'precious'));

/** Calls export_data with overwrite through a (2025-era) client that answers every question with `answer`. */
async function overwriteWith(answer: ElicitationAnswer) {
  const questions: string[] = [];
  const connection = await connectWith(test.app, { elicit: (message) => (questions.push(message), answer) });
  try {
    return { answer: await connection.call('export_data', { ...ARGS, overwrite: true }), questions };
  } finally {
    await connection.close();
  }
}

describe('overwrite from the tool (2025-era client: elicitation/create)', () => {
  it('the user accepts -> replaced; the question names the file, not where it is', async () => {
    const { answer, questions } = await overwriteWith({ action: 'accept', content: { confirm: true } });
    expect(answer.isError).toBeFalsy();
    expect(answer.structuredContent).toMatchObject({ root: 'exports', files: [{ path: 'sleep.csv', rows: expect.any(Number) }] });
    expect(readFileSync(target(), 'utf8')).toMatch(/^[a-z_]+,/);
    expect(readFileSync(target(), 'utf8')).not.toBe('precious');
    expect(questions).toHaveLength(1);
    expect(questions[0]).toContain('sleep.csv');
    expect(questions[0]).not.toContain(test.dir);
  });

  it('the user declines -> untouched, FILE_EXISTS', async () => {
    const { answer } = await overwriteWith({ action: 'decline' });
    expect(errorOf(answer)).toMatchObject({ code: 'FILE_EXISTS', message: expect.stringContaining('chose not to replace sleep.csv') });
    expect(readFileSync(target(), 'utf8')).toBe('precious');
  });

  it('accepting with the box unticked, or cancelling, leaves the file alone', async () => {
    for (const reply of [{ action: 'accept', content: { confirm: false } }, { action: 'cancel' }] as const) {
      const { answer } = await overwriteWith(reply);
      expect(errorOf(answer)?.code).toBe('FILE_EXISTS');
      expect(readFileSync(target(), 'utf8')).toBe('precious');
    }
  });

  it('without overwrite: true nobody is asked and the file stays', async () => {
    const questions: string[] = [];
    const connection = await connectWith(test.app, { elicit: (message) => (questions.push(message), { action: 'accept', content: { confirm: true } }) });
    const answer = await connection.call('export_data', ARGS);
    await connection.close();
    expect(errorOf(answer)).toMatchObject({ code: 'FILE_EXISTS', hint: expect.stringContaining('overwrite: true') });
    expect(questions).toEqual([]);
    expect(readFileSync(target(), 'utf8')).toBe('precious');
  });

  it('a client without elicitation is refused with the CLI command, which does replace the file', async () => {
    const connection = await connectWith(test.app);
    const answer = await connection.call('export_data', { ...ARGS, overwrite: true });
    await connection.close();
    const error = errorOf(answer);
    expect(error?.code).toBe('FILE_EXISTS');
    expect(error?.hint).toContain('wearables-mcp export --root exports --out sleep.csv --kind sleep --format csv --provider oura --overwrite');
    expect(JSON.stringify(answer)).not.toContain(tmpdir());
    expect(readFileSync(target(), 'utf8')).toBe('precious');

    const command = /wearables-mcp (export .*--overwrite)/.exec(error?.hint ?? '')?.[1]?.split(' ') ?? [];
    const program = new Command().option('--json').option('--home <dir>').exitOverride();
    registerExportCommand(program);
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const previous = process.exitCode;
    try {
      await program.parseAsync(['node', 'wearables-mcp', '--json', '--home', test.dir, ...command]);
      expect(process.exitCode).toBeUndefined();
    } finally {
      write.mockRestore();
      process.exitCode = previous;
    }
    expect(readFileSync(target(), 'utf8')).not.toBe('precious');
  });
});
