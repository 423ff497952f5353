/**
 * `.env` files below the real environment: real variables win over ./.env, which wins over
 * <home>/.env; empty values count as unset; the home may come from ./.env; an oversized or
 * unreadable file is a CONFIG_ERROR; and through the built CLI a .env is really read.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { homeFlag, loadDotEnvFiles, MAX_DOT_ENV_BYTES } from '../../src/config/dot-env.js';
import { WearablesError } from '../../src/core/errors.js';
import { runCli } from '../e2e/cli-helpers.js';

let root: string;
let cwd: string;
let home: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'wearables-dotenv-'));
  cwd = join(root, 'project');
  home = join(root, 'home');
  mkdirSync(cwd);
  mkdirSync(home);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('.env files', () => {
  it('fills only unset variables: real environment > ./.env > <home>/.env', () => {
    writeFileSync(join(cwd, '.env'), 'LOG_LEVEL=debug\nOURA_CLIENT_ID=from-cwd\nWHOOP_CLIENT_ID=\n# a comment\nexport PORT="4000"\n');
    writeFileSync(join(home, '.env'), 'LOG_LEVEL=error\nOURA_CLIENT_ID=from-home\nWHOOP_CLIENT_ID=whoop-from-home\nWITHINGS_CLIENT_ID=withings-from-home\n');
    const env: Record<string, string | undefined> = { LOG_LEVEL: 'warn', WEARABLES_MCP_HOME: home, LOG_FILE: '' };
    const result = loadDotEnvFiles({ env, cwd });
    expect(env).toEqual({
      LOG_LEVEL: 'warn', // real variable kept
      LOG_FILE: '', // set though empty: kept
      WEARABLES_MCP_HOME: home,
      OURA_CLIENT_ID: 'from-cwd', // ./.env over <home>/.env
      PORT: '4000',
      WHOOP_CLIENT_ID: 'whoop-from-home', // empty in ./.env counts as unset
      WITHINGS_CLIENT_ID: 'withings-from-home',
    });
    expect(result.loaded).toEqual([
      { path: join(cwd, '.env'), names: ['OURA_CLIENT_ID', 'PORT'] },
      { path: join(home, '.env'), names: ['WHOOP_CLIENT_ID', 'WITHINGS_CLIENT_ID'] },
    ]);
  });

  it('takes the home from --home first, else from ./.env', () => {
    writeFileSync(join(cwd, '.env'), `WEARABLES_MCP_HOME=${home}\n`);
    writeFileSync(join(home, '.env'), 'OURA_CLIENT_ID=from-home\n');
    const env: Record<string, string | undefined> = {};
    loadDotEnvFiles({ env, cwd });
    expect(env.OURA_CLIENT_ID).toBe('from-home');
    const flagged: Record<string, string | undefined> = {};
    loadDotEnvFiles({ env: flagged, cwd, home: join(root, 'elsewhere') });
    expect(flagged).toEqual({ WEARABLES_MCP_HOME: home });
  });

  it('reads the same file once when the home is the current directory, and nothing without files', () => {
    writeFileSync(join(cwd, '.env'), 'OURA_CLIENT_ID=once\n');
    expect(loadDotEnvFiles({ env: {}, cwd, home: cwd }).loaded).toHaveLength(1);
    expect(loadDotEnvFiles({ env: {}, cwd: home, home }).loaded).toEqual([]);
  });

  it('refuses an oversized or unreadable file with CONFIG_ERROR, and says when Node cannot parse one', () => {
    writeFileSync(join(cwd, '.env'), `A=${'x'.repeat(MAX_DOT_ENV_BYTES)}\n`);
    expect(() => loadDotEnvFiles({ env: {}, cwd, home })).toThrow(expect.objectContaining({ code: 'CONFIG_ERROR' }) as WearablesError);
    writeFileSync(join(cwd, '.env'), 'A=1\n');
    if (process.getuid?.() !== 0) {
      chmodSync(join(cwd, '.env'), 0o000);
      expect(() => loadDotEnvFiles({ env: {}, cwd, home })).toThrow(/Cannot read .*\.env/);
      chmodSync(join(cwd, '.env'), 0o600);
    }
    const env: Record<string, string | undefined> = {};
    expect(loadDotEnvFiles({ env, cwd, home }, null).skipped).toMatch(/needs Node\.js 20\.12 or newer/);
    expect(env).toEqual({});
  });

  it('finds --home and --home=<dir> before any --', () => {
    expect(homeFlag(['--home', '/a', 'sync'])).toBe('/a');
    expect(homeFlag(['sync', '--home=/b'])).toBe('/b');
    expect(homeFlag(['sync', '--', '--home', '/c'])).toBeUndefined();
  });

  it('is read by the CLI from its working directory, below a real variable', async () => {
    writeFileSync(join(cwd, '.env'), `WEARABLES_MCP_HOME=${home}\nLOG_FILE=\n`);
    const fromFile = await runCli(['status', '--json'], {}, { cwd });
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect((JSON.parse(fromFile.stdout) as { home: string }).home).toBe(home);
    const other = join(root, 'real');
    const real = await runCli(['status', '--json'], { WEARABLES_MCP_HOME: other, LOG_FILE: '' }, { cwd });
    expect((JSON.parse(real.stdout) as { home: string }).home).toBe(other);
  });
});
