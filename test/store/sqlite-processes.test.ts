/** Several real processes on one SQLite file: concurrent writers and a writer killed mid-batch. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { compileStoreForChild } from './compile-for-child.js';

const child = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'store-child.mjs');
const root = mkdtempSync(join(tmpdir(), 'wearables-sqlite-processes-'));
let storeIndex = '';

beforeAll(() => {
  storeIndex = compileStoreForChild(join(root, 'build'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runChild(args: string[], onLine?: (line: string, kill: () => void) => void): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, [child, storeIndex, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    process_.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      for (const line of chunk.toString().split('\n')) if (line) onLine?.(line, () => process_.kill('SIGKILL'));
    });
    process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    process_.on('error', reject);
    process_.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('sqlite store across processes', () => {
  it('lets several processes write the same file at once without SQLITE_BUSY errors', async () => {
    const path = join(root, 'shared', 'wearables.db');
    await (await openSqliteStore({ path })).close();
    const writers = ['a', 'b', 'c', 'd'];
    const runs = await Promise.all(writers.map((name) => runChild([path, 'write', name, '150'])));
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ errors: 0 });
    }
    const store = await openSqliteStore({ path });
    for (const name of writers) {
      expect(await store.countRecords({ provider: 'oura', resource: `r-${name}` })).toBe(150);
      expect(await store.missingWindows('oura', `r-${name}`, { start: '2024-01-01', end: '2024-05-30' })).toEqual([]);
    }
    const events = await store.listEvents({ limit: 5000 });
    expect(events.events).toHaveLength(600);
    expect(new Set(events.events.map((event) => event.seq)).size).toBe(600);
    await store.close();
  });

  it('keeps nothing of a batch whose process was killed mid-transaction', async () => {
    const path = join(root, 'killed', 'wearables.db');
    const store = await openSqliteStore({ path });
    await store.upsertSamples([{ provider: 'oura', series: 'heart_rate', ts: 0, value: 1 }]);
    await store.close();
    const walSize = (): number => (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);
    // Kill the writer once its open transaction has spilled pages into the WAL: truly mid-write.
    const run = await runChild([path, 'big-batch', 'x', '2500000'], (line, kill) => {
      if (line !== 'begin') return;
      const timer = setInterval(() => {
        if (walSize() > 1_000_000) {
          clearInterval(timer);
          kill();
        }
      }, 5);
    });
    expect(run.signal).toBe('SIGKILL');
    expect(run.stdout).not.toContain('done');
    expect(walSize()).toBeGreaterThan(1_000_000);
    const reopened = await openSqliteStore({ path });
    expect(await reopened.countSamples({ provider: 'oura', series: 'heart_rate', start: 0, end: Date.parse('2030-01-01') })).toBe(1);
    await reopened.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  });
});
