/**
 * The cross-process sync lock on real files, with real child processes as other holders: one lock
 * per provider that survives many refresh rounds side by side and leaves nothing behind, the lock
 * of a killed process taken over at once, a live holder waited for (and named), a lost lock
 * aborting its holder's signal instead of throwing from a timer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSyncFileLock } from '../../src/app/sync-file-lock.js';
import { WearablesError } from '../../src/core/errors.js';
import { createLogger, type Logger } from '../../src/logging/logger.js';
import type { LockHolder } from '../../src/sync/provider-lock.js';

const BUILT_LOCK = fileURLToPath(new URL('../../dist/app/sync-file-lock.js', import.meta.url));
const FAST = { updateMs: 20, staleMs: 1000, pollMs: 20 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function capturingLogger(): Promise<{ logger: Logger; lines: Array<{ level: number; msg: string }> }> {
  const lines: Array<{ level: number; msg: string }> = [];
  const logger = await createLogger({ level: 'debug', file: null, stderr: { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) } });
  return { logger, lines };
}

/** Another process holding `provider`'s lock through the built module; resolves once it holds it. */
async function holderProcess(home: string, provider: string): Promise<ChildProcess> {
  const script = `
    const { createSyncFileLock } = await import(${JSON.stringify(BUILT_LOCK)});
    const logger = { info() {}, warn() {}, debug() {}, error() {} };
    await createSyncFileLock(${JSON.stringify(home)}, { logger })(${JSON.stringify(provider)});
    process.stdout.write('held\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('held') && resolve());
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return child;
}

describe('the sync file lock', () => {
  let home: string;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'wearables-lock-'));
  });
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    rmSync(home, { recursive: true, force: true });
  });

  const locks = () => readdirSync(home).filter((name) => name.startsWith('sync-'));

  it('holds one lock per provider side by side through many refresh rounds and leaves none after release', async () => {
    const { logger, lines } = await capturingLogger();
    const lock = createSyncFileLock(home, { logger, ...FAST });
    const held = await Promise.all(['oura', 'whoop', 'withings'].map((provider) => lock(provider as 'oura')));
    expect(locks().sort()).toEqual(['sync-oura.lock', 'sync-whoop.lock', 'sync-withings.lock']);
    for (const name of locks()) expect(JSON.parse(readFileSync(join(home, name), 'utf8'))).toMatchObject({ pid: process.pid });
    const before = readdirSync(home).map((name) => name);
    await sleep(400); // ~20 refresh rounds of every lock
    expect(held.map((entry) => entry.signal.aborted)).toEqual([false, false, false]);
    expect(readdirSync(home)).toEqual(before);
    // Releasing one provider never touches another's lock.
    await held[0]!.release();
    expect(locks().sort()).toEqual(['sync-whoop.lock', 'sync-withings.lock']);
    await sleep(100);
    expect(held[1]!.signal.aborted).toBe(false);
    await Promise.all(held.slice(1).map((entry) => entry.release()));
    expect(locks()).toEqual([]);
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
  });

  it('waits for a live holder in another process, naming its pid, and takes over at once when it is killed -9', async () => {
    const { logger } = await capturingLogger();
    const child = await holderProcess(home, 'oura');
    children.push(child);
    const waits: LockHolder[] = [];
    let acquiredAt = 0;
    const acquiring = createSyncFileLock(home, { logger, ...FAST, staleMs: 60_000 })('oura', { onWait: (holder) => waits.push(holder) }).then((held) => {
      acquiredAt = Date.now();
      return held;
    });
    await sleep(300);
    expect(acquiredAt).toBe(0);
    expect(waits).toEqual([expect.objectContaining({ pid: child.pid, description: `pid ${child.pid}` })]);
    const killedAt = Date.now();
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const held = await acquiring;
    // Staleness alone (60 s here) is not what freed it: the dead pid was.
    expect(acquiredAt - killedAt).toBeLessThan(1000);
    expect(JSON.parse(readFileSync(join(home, 'sync-oura.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    await held.release();
    expect(locks()).toEqual([]);
  });

  it('aborts the holder through its signal when its lock is taken from it, and leaves the new holder its file', async () => {
    const { logger, lines } = await capturingLogger();
    const held = await createSyncFileLock(home, { logger, ...FAST })('whoop');
    const path = join(home, 'sync-whoop.lock');
    const intruder = JSON.stringify({ pid: process.pid + 100_000, host: 'elsewhere', token: 'not-yours', acquiredAt: new Date().toISOString() });
    writeFileSync(path, intruder);
    await sleep(150);
    expect(held.signal.aborted).toBe(true);
    expect(held.signal.reason).toBeInstanceOf(WearablesError);
    expect((held.signal.reason as WearablesError).code).toBe('SYNC_ERROR');
    expect((held.signal.reason as WearablesError).message).toContain('Lost the sync lock of whoop');
    expect(lines.some((line) => line.level === 40 && line.msg === 'sync lock compromised')).toBe(true);
    await held.release();
    expect(readFileSync(path, 'utf8')).toBe(intruder);
  });

  it('aborts the holder when its lock file is removed', async () => {
    const { logger } = await capturingLogger();
    const held = await createSyncFileLock(home, { logger, ...FAST })('oura');
    rmSync(join(home, 'sync-oura.lock'));
    await sleep(150);
    expect((held.signal.reason as WearablesError).message).toContain('its lock file was removed');
    await held.release();
    expect(locks()).toEqual([]);
  });

  it('falls back to staleness by mtime for a holder on another host, and takes over an old proper-lockfile directory', async () => {
    const { logger } = await capturingLogger();
    const lock = createSyncFileLock(home, { logger, ...FAST });
    const path = join(home, 'sync-oura.lock');
    writeFileSync(path, JSON.stringify({ pid: 1, host: 'other-host', token: 'theirs', acquiredAt: '' }));
    const waits: LockHolder[] = [];
    let held = false;
    const acquiring = lock('oura', { onWait: (holder) => waits.push(holder) }).then((entry) => ((held = true), entry));
    await sleep(200);
    expect(held).toBe(false);
    expect(waits[0]?.description).toBe('pid 1 on other-host');
    const old = new Date(Date.now() - 5000);
    utimesSync(path, old, old);
    await (await acquiring).release();

    mkdirSync(join(home, 'sync-whoop.lock'));
    utimesSync(join(home, 'sync-whoop.lock'), old, old);
    await (await lock('whoop')).release();
    expect(locks()).toEqual([]);
  });

  it('stops waiting when the caller aborts', async () => {
    const { logger } = await capturingLogger();
    const lock = createSyncFileLock(home, { logger, ...FAST, staleMs: 60_000 });
    const first = await lock('withings');
    const controller = new AbortController();
    const second = lock('withings', { signal: controller.signal });
    await sleep(100);
    controller.abort();
    await expect(second).rejects.toMatchObject({ code: 'SYNC_ERROR' });
    await first.release();
    expect(existsSync(join(home, 'sync-withings.lock'))).toBe(false);
  });
});
