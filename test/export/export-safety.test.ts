/** Existing files, atomic writes under injected failures, and input validation. */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
// Seeded from the recorded Oura samples of ../shared: skipped (one line) when that folder is absent.
import { describeShared as describe } from '../support/shared.js';
import { WearablesError } from '../../src/core/errors.js';
import { exportData } from '../../src/export/export-data.js';
import type { ExportOptions } from '../../src/export/export-types.js';
import type { Store } from '../../src/store/store.js';
import { seedStore, type Seeded } from './seed.js';

let seeded: Seeded;
beforeAll(async () => {
  seeded = await seedStore();
});
afterAll(async () => seeded.cleanup());

function run(options: Partial<ExportOptions> & Pick<ExportOptions, 'kind' | 'format' | 'out'>) {
  return exportData({ store: seeded.store, providers: seeded.providers, provider: 'oura', pageSize: 50, ...options });
}

/** The real store, except that sample reads fail after the first page (a disk error mid-export). */
function failingAfterFirstPage(store: Store): Store {
  let reads = 0;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'querySamples') {
        return async (...args: Parameters<Store['querySamples']>) => {
          if (++reads > 1) throw new Error('SQLITE_IOERR: disk I/O error');
          return target.querySamples(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof WearablesError ? error.code : `not a WearablesError: ${String(error)}`;
  }
  return 'no error';
}

describe('existing destination', () => {
  it('refuses with FILE_EXISTS and leaves the file alone, replaces it with overwrite', async () => {
    const out = join(seeded.dir, 'existing.csv');
    writeFileSync(out, 'precious');
    expect(await codeOf(run({ kind: 'sleep', format: 'csv', out }))).toBe('FILE_EXISTS');
    expect(readFileSync(out, 'utf8')).toBe('precious');
    const [written] = (await run({ kind: 'sleep', format: 'csv', out, overwrite: true })).files;
    expect(readFileSync(out, 'utf8').startsWith('average_breath_per_min,')).toBe(true);
    expect(written?.rows).toBe(7);
  });

  it('kind all refuses before writing any file when one exists', async () => {
    const out = join(seeded.dir, 'all-existing');
    await run({ kind: 'all', format: 'jsonl', out });
    const before = readdirSync(out).sort();
    writeFileSync(join(out, 'oura-sleep.jsonl'), 'mine');
    const other = join(out, 'oura-workout.jsonl');
    const otherBefore = readFileSync(other, 'utf8');
    expect(await codeOf(run({ kind: 'all', format: 'jsonl', out }))).toBe('FILE_EXISTS');
    expect(readFileSync(join(out, 'oura-sleep.jsonl'), 'utf8')).toBe('mine');
    expect(readFileSync(other, 'utf8')).toBe(otherBefore);
    expect(readdirSync(out).sort()).toEqual(before);
  });
});

describe('atomic writes', () => {
  for (const format of ['csv', 'jsonl', 'parquet', 'fhir'] as const) {
    it(`${format}: a failure mid-stream leaves no file and no temp file`, async () => {
      const directory = join(seeded.dir, `atomic-${format}`);
      const out = join(directory, 'hr.out');
      await exportData({ store: seeded.store, providers: seeded.providers, kind: 'all', provider: 'oura', format: 'csv', out: directory, start: '2099-01-01' });
      const filesBefore = readdirSync(directory).sort();
      const store = failingAfterFirstPage(seeded.store);
      const failure = exportData({ store, providers: seeded.providers, provider: 'oura', kind: 'heartrate', format, out, pageSize: 100 });
      expect(await codeOf(failure)).toBe('EXPORT_ERROR');
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(directory).sort()).toEqual(filesBefore);
    });
  }

  it('keeps the previous file intact when an overwrite fails part-way (progress callback throws)', async () => {
    const out = join(seeded.dir, 'keep.parquet');
    writeFileSync(out, 'previous export');
    let pages = 0;
    const failure = run({
      kind: 'heartrate',
      format: 'parquet',
      out,
      overwrite: true,
      onProgress: () => {
        if (++pages === 3) throw new Error('cancelled by the user');
      },
    });
    expect(await codeOf(failure)).toBe('EXPORT_ERROR');
    expect(pages).toBe(3);
    expect(readFileSync(out, 'utf8')).toBe('previous export');
    expect(readdirSync(seeded.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('validation', () => {
  it('names the valid choices', async () => {
    const out = join(seeded.dir, 'x.csv');
    await expect(run({ kind: 'sleeep', format: 'csv', out })).rejects.toThrow(/Unknown oura resource "sleeep". Valid: personal_info, daily_sleep/);
    await expect(run({ kind: 'sleep', format: 'xml' as 'csv', out })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', hint: 'Use one of: csv, jsonl, parquet, fhir.' });
    await expect(run({ kind: 'sleep', format: 'csv', out, start: '2024-13-01' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(run({ kind: 'sleep', format: 'csv', out, start: '2024-05-02', end: '2024-05-01' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(run({ kind: 'tag', format: 'fhir', out })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(run({ kind: 'sleep', format: 'csv', out: seeded.dir })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(existsSync(out)).toBe(false);
  });

  it('an output path under a file is a FILE_ERROR with a hint', async () => {
    const blocker = join(seeded.dir, 'blocker');
    writeFileSync(blocker, 'x');
    await expect(run({ kind: 'sleep', format: 'csv', out: join(blocker, 'sleep.csv') })).rejects.toMatchObject({ code: 'FILE_ERROR', hint: expect.stringContaining('writable') });
  });

  it('an empty cache with kind all and no provider says to sync first', async () => {
    const empty = await seedStore({ empty: true });
    try {
      const failure = exportData({ store: empty.store, providers: empty.providers, kind: 'all', format: 'csv', out: join(empty.dir, 'out') });
      await expect(failure).rejects.toMatchObject({ code: 'NOT_FOUND', hint: expect.stringContaining('sync') });
    } finally {
      await empty.cleanup();
    }
  });
});
