/**
 * How the built CLI fails, as a script sees it: parse errors honour --json and exit 2, file
 * problems are FILE_ERROR (exit 12) with the folder to fix, and an unusable default log folder
 * costs the log file, not the command. Tests run as root here, where mode bits do not stop a
 * write: every unwritable path is one under a regular file (ENOTDIR / EEXIST), which fails for
 * root too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from './cli-helpers.js';

interface ErrorDocument {
  ok: false;
  error: { code: string; message: string; hint?: string };
}

describe('CLI failures', () => {
  let home: string;
  let env: Record<string, string>;

  beforeAll(() => assertBuilt());
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'wearables-cli-errors-'));
    env = { WEARABLES_MCP_HOME: home };
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('an unknown option with --json prints a JSON error document on stdout and exits 2', async () => {
    const result = await runCli(['--json', 'sync', '--bogus'], env);
    expect(result.code).toBe(2);
    const document = JSON.parse(result.stdout) as ErrorDocument;
    expect(document).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    expect(document.error.message).toContain("unknown option '--bogus'");
    expect(document.error.hint).toContain('--help');
    expect(result.stderr).not.toContain('Usage:');
  });

  it('a missing required option and an unknown command exit 2, as JSON or as text', async () => {
    const missing = await runCli(['export', '--json'], env);
    expect(missing.code).toBe(2);
    expect((JSON.parse(missing.stdout) as ErrorDocument).error.message).toContain("required option '--kind");
    const unknown = await runCli(['frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect(unknown.stdout).toBe('');
    const none = await runCli(['--json', 'webhooks'], env);
    expect(none.code).toBe(2);
    expect((JSON.parse(none.stdout) as ErrorDocument).error.message).toBe('No command given.');
  });

  it('a report path that cannot be written is FILE_ERROR, exit 12, naming the folder to fix', async () => {
    const blocker = join(home, 'not-a-folder');
    writeFileSync(blocker, 'a regular file');
    const result = await runCli(['--json', 'report', '--out', join(blocker, 'report.html')], env);
    expect(result.code).toBe(12);
    const { error } = JSON.parse(result.stdout) as ErrorDocument;
    expect(error.code).toBe('FILE_ERROR');
    expect(error.message).toContain(join(blocker, 'report.html'));
    expect(error.message).toContain('ENOTDIR');
    expect(error.hint).toContain(`Check that ${blocker} exists`);

    const text = await runCli(['report', '--out', join(blocker, 'report.html')], env);
    expect(text.code).toBe(12);
    expect(text.stderr).toMatch(/Error \(FILE_ERROR\): Cannot .*report\.html: a part of the path is a file/);
    expect(text.stderr).toContain('Next: Check that');
  });

  it('a default log folder that cannot be created costs the log file only: one stderr line, the command succeeds', async () => {
    writeFileSync(join(home, 'logs'), 'a regular file where the log folder belongs');
    const result = await runCli(['--json', 'status'], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ home });
    const lines = result.stderr.split('\n').filter((line) => line.includes('cannot write the log file'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(join(home, 'logs', 'wearables-mcp.log'));
    expect(lines[0]).toContain('logging to stderr only');
    expect(lines[0]).toContain('LOG_FILE');
  });

  it('a LOG_FILE the user named that cannot be written is FILE_ERROR, exit 12, with the setting to fix', async () => {
    const blocker = join(home, 'plain-file');
    writeFileSync(blocker, 'x');
    const result = await runCli(['--json', 'status'], { ...env, LOG_FILE: join(blocker, 'wearables.log') });
    expect(result.code).toBe(12);
    const { error } = JSON.parse(result.stdout) as ErrorDocument;
    expect(error.code).toBe('FILE_ERROR');
    expect(error.message).toContain(`Cannot write the log file ${join(blocker, 'wearables.log')}`);
    expect(error.hint).toContain('LOG_FILE');
  });
});
