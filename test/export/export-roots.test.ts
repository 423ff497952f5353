/**
 * Export roots and file modes: extra roots come only from the user's configuration
 * (WEARABLES_MCP_EXPORT_ROOTS), a root that contains the home still cannot reach the home's own
 * files, the CLI's trusted paths never write over them either, and what exports create is
 * 0600 (files) / 0700 (folders).
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppContext } from '../../src/app/create-app-context.js';
import { registerExportCommand } from '../../src/cli/export.js';
import { loadConfig } from '../../src/config/config.js';
import type { AppContext } from '../../src/app/app-context.js';
import { silentLogger } from '../../src/logging/logger.js';
import { TEST_NOW, TEST_TOKEN } from '../mcp/support/harness.js';
import { seedOura } from '../mcp/support/seed.js';
import { connectWith, digest, errorOf, type Connection } from './mcp-client.js';

let parent: string;
let home: string;
let extra: string;
let app: AppContext;
let connection: Connection;

function env(): Record<string, string> {
  return {
    WEARABLES_MCP_HOME: home,
    WEARABLES_MCP_ENCRYPTION_KEY: 'a'.repeat(64),
    OURA_API_BASE_URL: 'http://127.0.0.1:9',
    OURA_AUTH_BASE_URL: 'http://127.0.0.1:9',
    WEARABLES_MCP_EXPORT_ROOTS: [extra, parent].join(delimiter),
  };
}

const mode = (path: string): number => statSync(path).mode & 0o777;

beforeAll(async () => {
  parent = mkdtempSync(join(tmpdir(), 'wearables-roots-'));
  home = join(parent, 'home');
  extra = join(parent, 'health exports');
  mkdirSync(home, { mode: 0o700 });
  mkdirSync(extra);
  const config = loadConfig({ env: env(), flags: { logFile: null, logLevel: 'silent', home } });
  app = await createAppContext(config, { logger: silentLogger(), now: () => new Date(TEST_NOW), sleep: async () => undefined });
  await app.tokens.save('oura', { kind: 'personal', accessToken: TEST_TOKEN, obtainedAt: Date.now() });
  await seedOura(app, '2024-06-15', 7);
  mkdirSync(join(home, 'logs'), { recursive: true });
  connection = await connectWith(app);
});
afterAll(async () => {
  await connection.close();
  await app.close();
  rmSync(parent, { recursive: true, force: true });
});

const exportCall = (args: Record<string, unknown>) => connection.call('export_data', { kind: 'sleep', format: 'csv', provider: 'oura', ...args });

describe('configured export roots', () => {
  it('writes into a configured root picked by name, answering with the name and a relative path', async () => {
    const answer = await exportCall({ root: 'health exports', path: 'week/sleep.csv' });
    expect(answer.isError, JSON.stringify(answer.content)).toBeFalsy();
    expect(answer.structuredContent).toMatchObject({ root: 'health exports', files: [{ path: 'week/sleep.csv' }] });
    expect(existsSync(join(extra, 'week', 'sleep.csv'))).toBe(true);
    expect(JSON.stringify(answer)).not.toContain(parent);
  });

  it('a tool argument cannot add a root: unknown names and paths are refused, listing the configured names', async () => {
    for (const root of ['/tmp', parent, 'nope']) {
      const answer = await exportCall({ root, path: 'x.csv' });
      expect(errorOf(answer)).toMatchObject({ code: 'VALIDATION_ERROR', hint: expect.stringContaining('exports, health exports') });
    }
  });

  it("a root that contains the home still cannot reach the home's own files", async () => {
    const root = basename(parent);
    const before = { db: digest(join(home, 'wearables.db')), tokens: digest(join(home, 'tokens.json')) };
    for (const path of ['home/wearables.db', 'home/wearables.db-wal', 'home/tokens.json', 'home/tokens.json.lock', 'home/.encryption-key', 'home/config.json', 'home/logs/x.csv', 'home/sync-oura.lock']) {
      const answer = await exportCall({ root, path, overwrite: true });
      expect(errorOf(answer)?.code, path).toBe('VALIDATION_ERROR');
      expect(errorOf(answer)?.message).toContain('data folder');
    }
    expect({ db: digest(join(home, 'wearables.db')), tokens: digest(join(home, 'tokens.json')) }).toEqual(before);
    expect(existsSync(join(home, 'config.json'))).toBe(false);
    expect((await exportCall({ root, path: 'home/exports/through-parent.csv' })).isError).toBeFalsy();
  });

  it('WEARABLES_MCP_EXPORT_ROOTS must hold absolute paths', () => {
    expect(() => loadConfig({ env: { ...env(), WEARABLES_MCP_EXPORT_ROOTS: 'relative/dir' }, flags: { home } })).toThrow(/exportRoots\.0: must be an absolute path/);
  });
});

describe('file modes', () => {
  it('exports are 0600, the folders they create 0700, and an old 0755 exports folder is tightened', async () => {
    rmSync(join(home, 'exports'), { recursive: true, force: true });
    mkdirSync(join(home, 'exports'));
    chmodSync(join(home, 'exports'), 0o755);
    expect((await exportCall({ kind: 'all', path: 'all/csv' })).isError).toBeFalsy();
    expect(mode(join(home, 'exports'))).toBe(0o700);
    expect(mode(join(home, 'exports', 'all'))).toBe(0o700);
    expect(mode(join(home, 'exports', 'all', 'csv'))).toBe(0o700);
    expect(mode(join(home, 'exports', 'all', 'csv', 'oura-sleep.csv'))).toBe(0o600);
    for (const format of ['jsonl', 'parquet', 'fhir']) {
      expect((await exportCall({ kind: 'heartrate', format, path: `hr.${format}` })).isError).toBeFalsy();
      expect(mode(join(home, 'exports', `hr.${format}`))).toBe(0o600);
    }
  });
});

async function cli(...args: string[]): Promise<{ stdout: string; exitCode: number | undefined }> {
  const program = new Command().option('--json').option('--home <dir>').exitOverride();
  registerExportCommand(program);
  let stdout = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const previous = process.exitCode;
  process.exitCode = undefined;
  // The CLI reads the real environment: the same settings as the app above, no log file.
  const settings = { ...env(), LOG_FILE: '' };
  const saved = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  Object.assign(process.env, settings);
  try {
    await program.parseAsync(['node', 'wearables-mcp', '--json', '--home', home, 'export', '--kind', 'sleep', '--format', 'csv', '--provider', 'oura', ...args]);
    return { stdout, exitCode: process.exitCode };
  } finally {
    write.mockRestore();
    process.exitCode = previous;
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe('CLI export', () => {
  it("the user's own paths work (new folders 0700, file 0600) but never the home's own files", async () => {
    const out = join(parent, 'mine', 'deep', 'sleep.csv');
    expect((await cli('--out', out)).exitCode).toBeUndefined();
    expect(mode(out)).toBe(0o600);
    expect(mode(join(parent, 'mine', 'deep'))).toBe(0o700);
    const before = { db: digest(join(home, 'wearables.db')), tokens: digest(join(home, 'tokens.json')) };
    for (const target of [join(home, 'wearables.db'), join(home, 'tokens.json'), join(home, 'logs', 'sleep.csv'), join(home, 'exports', '..', 'wearables.db')]) {
      const { stdout, exitCode } = await cli('--out', target, '--overwrite');
      expect(exitCode, target).toBe(2);
      expect(JSON.parse(stdout)).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    }
    expect({ db: digest(join(home, 'wearables.db')), tokens: digest(join(home, 'tokens.json')) }).toEqual(before);
  });

  it('--root confines --out like the tool', async () => {
    const refused = await cli('--root', 'exports', '--out', '../wearables.db', '--overwrite');
    expect(refused.exitCode).toBe(2);
    writeFileSync(join(extra, 'keep.csv'), 'keep');
    expect((await cli('--root', 'health exports', '--out', 'keep.csv')).exitCode).toBe(10);
    expect(readFileSync(join(extra, 'keep.csv'), 'utf8')).toBe('keep');
    expect((await cli('--root', 'health exports', '--out', 'keep.csv', '--overwrite')).exitCode).toBeUndefined();
    expect(readFileSync(join(extra, 'keep.csv'), 'utf8')).not.toBe('keep');
  });
});
