/** serve's deferred logger: lines logged while pino loads are written, in order, once it has. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deferredLogger, MAX_PENDING_LINES } from '../../src/logging/deferred-logger.js';
import { createDeferredLogger, createLogger, type Logger } from '../../src/logging/logger.js';

function later<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('deferred logger', () => {
  it('keeps the lines logged before the logger loads and writes them in order, then forwards', async () => {
    const lines: Array<{ level: number; msg: string; n?: number }> = [];
    const loading = later<Logger>();
    const logger = deferredLogger(loading.promise, () => undefined);
    logger.info({ n: 1 }, 'first');
    logger.warn('second');
    expect(lines).toEqual([]);
    loading.resolve(await createLogger({ level: 'info', file: null, stderr: { write: (line: string) => void lines.push(JSON.parse(line)) } }));
    await loading.promise;
    logger.error('third');
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [30, 'first'],
      [40, 'second'],
      [50, 'third'],
    ]);
    expect(lines[0]?.n).toBe(1);
  });

  it(`keeps at most ${MAX_PENDING_LINES} lines and says how many it dropped`, async () => {
    const lines: string[] = [];
    const loading = later<Logger>();
    const logger = deferredLogger(loading.promise, () => undefined);
    for (let index = 0; index < MAX_PENDING_LINES + 5; index++) logger.info('line');
    loading.resolve(await createLogger({ level: 'info', file: null, stderr: { write: (line: string) => void lines.push(line) } }));
    await loading.promise;
    expect(lines.length).toBe(MAX_PENDING_LINES + 1);
    expect(JSON.parse(lines.at(-1) ?? '{}')).toMatchObject({ dropped: 5 });
  });

  it('reports a logger that fails to load once, and drops later lines', async () => {
    const failures: unknown[] = [];
    const loading = later<Logger>();
    const logger = deferredLogger(loading.promise, (error) => failures.push(error));
    logger.info('kept until the failure');
    loading.reject(new Error('no pino'));
    await loading.promise.catch(() => undefined);
    logger.info('dropped');
    expect(failures).toHaveLength(1);
  });

  it('refuses at once a user-named log file whose folder cannot be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wearables-deferred-log-'));
    try {
      // The "folder" is a regular file: it can be neither created nor written.
      writeFileSync(join(dir, 'not-a-folder'), '');
      const file = join(dir, 'not-a-folder', 'server.log');
      expect(() => createDeferredLogger({ level: 'info', file, fileRequired: true, stderr: { write: () => true } })).toThrow(expect.objectContaining({ code: 'FILE_ERROR' }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serve\'s logger starts loading after start-up, or at once for a warning, and loses no line', async () => {
    const quiet: string[] = [];
    const slow = createDeferredLogger({ level: 'info', file: null, startAfterMs: 150, stderr: { write: (line: string) => void quiet.push(line) } });
    slow.info('during start-up');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(quiet).toEqual([]);
    await expect.poll(() => quiet.length, { timeout: 5_000 }).toBe(1);
    expect(JSON.parse(quiet[0] ?? '{}')).toMatchObject({ level: 30, msg: 'during start-up' });

    const urgent: string[] = [];
    const fast = createDeferredLogger({ level: 'info', file: null, startAfterMs: 60_000, stderr: { write: (line: string) => void urgent.push(line) } });
    fast.info('first');
    fast.error('something failed');
    await expect.poll(() => urgent.length, { timeout: 5_000 }).toBe(2);
    expect(urgent.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['first', 'something failed']);
  });
});
