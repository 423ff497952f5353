/**
 * `wearables-mcp report --out` through commander with a real home: an existing file is refused
 * without --overwrite (like `export`), the home's own files never, and the report is 0600.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerReportCommand } from '../../src/cli/report.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { digest } from '../export/mcp-client.js';
import { heartRateSamples, ouraRecords } from '../export/seed.js';

let home: string;
let elsewhere: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'wearables-report-cli-'));
  elsewhere = mkdtempSync(join(tmpdir(), 'wearables-report-out-'));
  const store = await openSqliteStore({ path: join(home, 'wearables.db') });
  await store.upsertRecords(ouraRecords());
  await store.upsertSamples(heartRateSamples());
  await store.close();
  writeFileSync(join(home, 'tokens.json'), '{"version":1}\n', { mode: 0o600 });
});
afterAll(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

async function report(...args: string[]): Promise<{ stdout: string; exitCode: number | undefined }> {
  const program = new Command().option('--json').option('--home <dir>').exitOverride();
  registerReportCommand(program);
  let stdout = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const previous = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'wearables-mcp', '--json', '--home', home, 'report', '--end', '2024-11-12', ...args]);
    return { stdout, exitCode: process.exitCode };
  } finally {
    write.mockRestore();
    quiet.mockRestore();
    process.exitCode = previous;
  }
}

describe('report --out', () => {
  it('writes a new report 0600', async () => {
    const out = join(elsewhere, 'new.html');
    const { stdout, exitCode } = await report('--out', out);
    expect(exitCode).toBeUndefined();
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, out });
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/i);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('refuses an existing file without --overwrite (exit 10) and replaces it with --overwrite', async () => {
    const out = join(elsewhere, 'existing.html');
    writeFileSync(out, 'my notes', { mode: 0o644 });
    const refused = await report('--out', out);
    expect(refused.exitCode).toBe(10);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: { code: 'FILE_EXISTS', hint: expect.stringContaining('--overwrite') } });
    expect(readFileSync(out, 'utf8')).toBe('my notes');
    const replaced = await report('--out', out, '--overwrite');
    expect(replaced.exitCode).toBeUndefined();
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/i);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('never writes over the database or the tokens, even with --overwrite', async () => {
    const before = { db: digest(join(home, 'wearables.db')), tokens: digest(join(home, 'tokens.json')) };
    for (const out of [join(home, 'wearables.db'), join(home, 'tokens.json'), join(home, 'wearables.db-wal'), join(elsewhere, '..', home.split('/').pop() ?? '', 'wearables.db')]) {
      for (const flags of [[], ['--overwrite']]) {
        const { stdout, exitCode } = await report('--out', out, ...flags);
        expect(exitCode, out).toBe(2);
        expect(JSON.parse(stdout)).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
      }
    }
    expect({ db: digest(join(home, 'wearables.db')), tokens: digest(join(home, 'tokens.json')) }).toEqual(before);
  });
});
