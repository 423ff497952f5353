/**
 * Headless Chromium (Debian's `chromium`) driven over the DevTools protocol on a pipe
 * (`--remote-debugging-pipe`: NUL-separated JSON on fds 3 and 4), no dependency: open a page at a
 * given viewport width, evaluate script in it, take a full-page screenshot.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

export const CHROMIUM = '/usr/bin/chromium';
/** Run the browser tests where Chromium is installed, and always in CI (.ci/run installs it). */
export const HAS_CHROMIUM = existsSync(CHROMIUM) || Boolean(process.env.CI);

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars'];

interface Pending {
  resolve: (value: Record<string, unknown>) => void;
  reject: (error: Error) => void;
}

/** One browser with one page. */
export interface Browser {
  /** Loads `url` at a viewport of `width` × `height` CSS px (a phone below 500 px) and waits for load. */
  open(url: string, width: number, height?: number): Promise<void>;
  /** Evaluates `expression` in the page and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  /** A PNG of the whole page (the viewport grown to the document height), or of the visible viewport. */
  screenshot(options?: { viewportOnly?: boolean }): Promise<Buffer>;
  close(): Promise<void>;
}

/** Starts Chromium with a throwaway profile. */
export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'wearables-chromium-'));
  const child: ChildProcess = spawn(CHROMIUM, [...FLAGS, '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const input = child.stdio[3] as Writable;
  const output = child.stdio[4] as Readable;
  const pending = new Map<number, Pending>();
  const listeners: Array<(method: string, params: Record<string, unknown>) => void> = [];
  let buffer = '';
  let nextId = 1;
  output.setEncoding('utf8');
  output.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffer.slice(0, end)) as { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; params?: Record<string, unknown> };
      buffer = buffer.slice(end + 1);
      if (message.id !== undefined) {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) waiting?.reject(new Error(message.error.message));
        else waiting?.resolve(message.result ?? {});
      } else if (message.method) {
        for (const listener of listeners) listener(message.method, message.params ?? {});
      }
    }
  });
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      input.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  const event = (name: string): Promise<void> =>
    new Promise((resolve) => {
      const listener = (method: string): void => {
        if (method !== name) return;
        listeners.splice(listeners.indexOf(listener), 1);
        resolve();
      };
      listeners.push(listener);
    });

  const { targetId } = (await send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
  const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
  await send('Page.enable', {}, sessionId);
  let viewport = { width: 1200, height: 900, mobile: false };
  const metrics = (height: number) => send('Emulation.setDeviceMetricsOverride', { width: viewport.width, height, deviceScaleFactor: 1, mobile: viewport.mobile }, sessionId);

  const evaluate = async <T>(expression: string): Promise<T> => {
    const answer = (await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId)) as { result: { value: T }; exceptionDetails?: { text: string } };
    if (answer.exceptionDetails) throw new Error(`page script failed: ${answer.exceptionDetails.text}`);
    return answer.result.value;
  };
  return {
    async open(url, width, height = 900) {
      viewport = { width, height, mobile: width < 500 };
      await metrics(height);
      const loaded = event('Page.loadEventFired');
      await send('Page.navigate', { url }, sessionId);
      await loaded;
    },
    evaluate,
    async screenshot(options = {}) {
      if (options.viewportOnly) return Buffer.from(((await send('Page.captureScreenshot', { format: 'png' }, sessionId)) as { data: string }).data, 'base64');
      const full = await evaluate<number>('Math.ceil(document.documentElement.scrollHeight)');
      await metrics(full);
      const { data } = (await send('Page.captureScreenshot', { format: 'png' }, sessionId)) as { data: string };
      await metrics(viewport.height);
      return Buffer.from(data, 'base64');
    },
    async close() {
      await send('Browser.close').catch(() => undefined);
      await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
