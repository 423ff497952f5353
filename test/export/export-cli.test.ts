/** `wearables-mcp export` through commander with a real home directory and cache file. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
// Seeded from the recorded Oura samples of ../shared: skipped (one line) when that folder is absent.
import { describeShared as describe } from '../support/shared.js';
import { registerExportCommand } from '../../src/cli/export.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { heartRateSamples, ouraRecords } from './seed.js';

let home: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'wearables-export-cli-'));
  const store = await openSqliteStore({ path: join(home, 'wearables.db') });
  await store.upsertRecords(ouraRecords());
  await store.upsertSamples(heartRateSamples());
  await store.close();
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ stdout: string; exitCode: number | undefined }> {
  const program = new Command().option('--json').option('--home <dir>').exitOverride();
  registerExportCommand(program);
  let stdout = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const previous = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'wearables-mcp', '--home', home, ...args]);
    return { stdout, exitCode: process.exitCode };
  } finally {
    write.mockRestore();
    process.exitCode = previous;
  }
}

describe('export command', () => {
  it('writes the file and prints paths and rows as JSON', async () => {
    const out = join(home, 'out', 'sleep.csv');
    const { stdout, exitCode } = await cli('--json', 'export', '--kind', 'sleep', '--format', 'csv', '--out', out, '--provider', 'oura');
    expect(exitCode).toBeUndefined();
    expect(JSON.parse(stdout)).toEqual({ ok: true, files: [{ path: out, provider: 'oura', resource: 'sleep', rows: 7, bytes: readFileSync(out).length }] });
  });

  it('exits 10 with FILE_EXISTS when the file exists, and succeeds with --overwrite', async () => {
    const out = join(home, 'out', 'steps.fhir.json');
    expect((await cli('export', '--kind', 'daily_activity', '--format', 'fhir', '--out', out)).exitCode).toBeUndefined();
    const again = await cli('--json', 'export', '--kind', 'daily_activity', '--format', 'fhir', '--out', out);
    expect(again.exitCode).toBe(10);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, error: { code: 'FILE_EXISTS' } });
    const overwritten = await cli('export', '--kind', 'daily_activity', '--format', 'fhir', '--out', out, '--overwrite');
    expect(overwritten.exitCode).toBeUndefined();
    expect(overwritten.stdout).toMatch(/steps\.fhir\.json {2}2 rows/);
  });

  it('rejects an unknown format with exit code 2', async () => {
    const { stdout, exitCode } = await cli('--json', 'export', '--kind', 'sleep', '--format', 'xlsx', '--out', join(home, 'x'));
    expect(exitCode).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: 'VALIDATION_ERROR', hint: 'Use one of: csv, jsonl, parquet, fhir.' } });
  });
});

describe('export --kind hint', () => {
  it('lists only kinds that --kind accepts, and names the provider for a shared one', async () => {
    const { stdout, exitCode } = await cli('--json', 'export', '--kind', 'no_such_kind', '--format', 'csv', '--out', join(home, 'out', 'x.csv'));
    expect(exitCode).toBe(2);
    const hint = (JSON.parse(stdout) as { error: { hint: string } }).error.hint;
    expect(hint).not.toMatch(/\w+\/\w+/);
    const listed = /one of: ([^(.]+)/.exec(hint)?.[1]?.split(', ').map((name) => name.trim()) ?? [];
    expect(listed).toContain('sleep');
    expect(hint).toMatch(/sleep: also pass provider \(--provider\) oura or whoop/);
    // Every listed kind is accepted (with its provider where the hint names one).
    for (const kind of listed.slice(0, 4)) {
      const out = join(home, 'out', `hint-${kind}.csv`);
      const shared = new RegExp(`\\b${kind}: also pass provider \\(--provider\\) (\\w+)`).exec(hint)?.[1];
      const result = await cli('--json', 'export', '--kind', kind, '--format', 'csv', '--out', out, ...(shared ? ['--provider', shared] : []));
      expect((JSON.parse(result.stdout) as { ok: boolean }).ok, `${kind}: ${result.stdout}`).toBe(true);
    }
  });
});
