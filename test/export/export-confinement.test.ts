/**
 * `export_data` driven by a real MCP client against a real home (SQLite file, encrypted tokens):
 * every path a model can choose stays a new file under `<home>/exports`. Each attack seen in
 * issue 10 is tried and must leave the database, the tokens and the files outside untouched,
 * with the server still answering.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../mcp/support/harness.js';
import { seedOura } from '../mcp/support/seed.js';
import { connectWith, digest, errorOf, type Connection, type ToolAnswer } from './mcp-client.js';

let test: TestApp;
let connection: Connection;
let outside: string;

async function exportCall(args: Record<string, unknown>): Promise<ToolAnswer> {
  return connection.call('export_data', { kind: 'sleep', format: 'csv', provider: 'oura', ...args });
}

/** The home's own files with their content hashes. */
function homeFiles(): Record<string, string> {
  const names = ['wearables.db', 'tokens.json', '.encryption-key'];
  return Object.fromEntries(names.filter((name) => existsSync(join(test.dir, name))).map((name) => [name, digest(join(test.dir, name))]));
}

async function expectIntactAndAnswering(before: Record<string, string>): Promise<void> {
  expect(homeFiles()).toEqual(before);
  const status = await connection.call('get_auth_status', {});
  expect(status.isError).toBeFalsy();
  expect(await test.app.tokens.isConnected('oura')).toBe(true);
  const stats = await test.app.store.stats();
  expect(stats.records.some((row) => row.provider === 'oura' && row.count > 0)).toBe(true);
}

/** Every answer text: no absolute path of this machine (the home, the temp dir, the user's home). */
function expectNoAbsolutePath(answer: ToolAnswer): void {
  const text = JSON.stringify(answer);
  for (const path of [test.dir, tmpdir(), homedir()]) expect(text).not.toContain(path);
}

beforeAll(async () => {
  test = await createTestApp({ apiBaseUrl: 'http://127.0.0.1:9', connect: true });
  await seedOura(test.app, '2024-06-15', 7);
  // A key file beside the tokens, as a home without WEARABLES_MCP_ENCRYPTION_KEY has one.
  writeFileSync(join(test.dir, '.encryption-key'), 'k'.repeat(64), { mode: 0o600 });
  outside = mkdtempSync(join(tmpdir(), 'wearables-outside-'));
  connection = await connectWith(test.app);
});

afterAll(async () => {
  await connection.close();
  await test.close();
  rmSync(outside, { recursive: true, force: true });
});

afterEach(() => {
  rmSync(join(test.dir, 'exports'), { recursive: true, force: true });
});

describe('export_data writes only new files under <home>/exports', () => {
  it('a relative path is written there and answered relative to the export root', async () => {
    const answer = await exportCall({ path: 'nested/sleep.csv' });
    expect(answer.isError).toBeFalsy();
    expect(answer.structuredContent).toMatchObject({ root: 'exports', files: [{ path: 'nested/sleep.csv', resource: 'sleep' }] });
    expect(existsSync(join(test.dir, 'exports', 'nested', 'sleep.csv'))).toBe(true);
    expectNoAbsolutePath(answer);
  });

  it('refuses absolute paths: the database, the tokens, the key stay as they were', async () => {
    const before = homeFiles();
    for (const name of ['wearables.db', 'tokens.json', '.encryption-key']) {
      const answer = await exportCall({ path: join(test.dir, name), overwrite: true });
      expect(errorOf(answer)?.code).toBe('VALIDATION_ERROR');
      expectNoAbsolutePath(answer);
    }
    const elsewhere = await exportCall({ path: join(outside, 'sleep.csv') });
    expect(errorOf(elsewhere)?.code).toBe('VALIDATION_ERROR');
    expect(readdirSync(outside)).toEqual([]);
    await expectIntactAndAnswering(before);
  });

  it('refuses ../ traversal out of the exports folder, even with overwrite', async () => {
    const before = homeFiles();
    for (const path of ['../wearables.db', '../tokens.json', '../.encryption-key', 'a/../../wearables.db', `../../${relative(join(test.dir, '..'), outside)}/x.csv`]) {
      const answer = await exportCall({ path, overwrite: true });
      expect(errorOf(answer)?.code, path).toBe('VALIDATION_ERROR');
      expect(errorOf(answer)?.hint).toMatch(/relative path inside the export folder/);
    }
    expect(readdirSync(outside)).toEqual([]);
    await expectIntactAndAnswering(before);
  });

  it('does not create ~/.ssh/authorized_keys (HOME pointed at a temp dir)', async () => {
    const previous = process.env.HOME;
    const fakeHome = mkdtempSync(join(tmpdir(), 'wearables-fake-home-'));
    process.env.HOME = fakeHome;
    try {
      const target = join(homedir(), '.ssh', 'authorized_keys');
      expect(target.startsWith(fakeHome)).toBe(true);
      const answer = await exportCall({ kind: 'personal_info', format: 'jsonl', path: target, overwrite: true });
      expect(errorOf(answer)?.code).toBe('VALIDATION_ERROR');
      expect(existsSync(join(fakeHome, '.ssh'))).toBe(false);
    } finally {
      process.env.HOME = previous;
      rmSync(fakeHome, { recursive: true, force: true });
    }
  });

  it('does not follow a symlink inside exports that points out of it', async () => {
    mkdirSync(join(test.dir, 'exports'), { recursive: true });
    symlinkSync(outside, join(test.dir, 'exports', 'out'));
    symlinkSync(join(test.dir, 'wearables.db'), join(test.dir, 'exports', 'db.csv'));
    const before = homeFiles();
    const throughDirectory = await exportCall({ path: 'out/sleep.csv' });
    expect(errorOf(throughDirectory)?.code).toBe('VALIDATION_ERROR');
    expect(errorOf(throughDirectory)?.message).toMatch(/symbolic link/);
    const allThrough = await exportCall({ kind: 'all', path: 'out' });
    expect(errorOf(allThrough)?.code).toBe('VALIDATION_ERROR');
    const ontoLink = await exportCall({ path: 'db.csv', overwrite: true });
    expect(errorOf(ontoLink)?.code).toBe('VALIDATION_ERROR');
    expect(readdirSync(outside)).toEqual([]);
    await expectIntactAndAnswering(before);
  });

  it('refuses a symlinked exports folder', async () => {
    symlinkSync(outside, join(test.dir, 'exports'));
    const answer = await exportCall({ path: 'sleep.csv' });
    expect(errorOf(answer)?.code).toBe('VALIDATION_ERROR');
    expect(errorOf(answer)?.message).toMatch(/symbolic link/);
    expect(readdirSync(outside)).toEqual([]);
    expectNoAbsolutePath(answer);
  });

  it('an existing file is FILE_EXISTS with the relative path only', async () => {
    expect((await exportCall({ path: 'twice.csv' })).isError).toBeFalsy();
    const again = await exportCall({ path: 'twice.csv' });
    expect(errorOf(again)).toMatchObject({ code: 'FILE_EXISTS', message: expect.stringContaining('twice.csv') });
    expectNoAbsolutePath(again);
  });
});
