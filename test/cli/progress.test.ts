/**
 * The sync progress display: on a terminal one line per provider (what it fetches, or whom it
 * waits for), notices printed above the lines (never drawn over), log lines kept off the terminal
 * while the lines are shown; without a terminal plain lines, and `--json` (quiet) still prints
 * notices and waits on stderr.
 */
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgressDisplay } from '../../src/cli/progress.js';
import { createTerminalLogs, useTerminalLogs } from '../../src/cli/terminal-logs.js';

/** A terminal-like stream that records what was written. */
function fakeTerminal(isTTY: boolean) {
  let output = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output += chunk.toString();
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY, columns: 100, rows: 30, cursorTo: undefined });
  return { stream, output: () => output };
}

const progress = (done: number) => ({ provider: 'oura' as const, resource: 'daily_sleep', done, total: 10, fetched: done * 5 });

/** What a terminal shows after `output`: the few control sequences cli-progress writes, applied. */
function screen(output: string): string[] {
  const lines: string[] = [''];
  let row = 0;
  let col = 0;
  let saved = { row: 0, col: 0 };
  const put = (char: string) => {
    const line = (lines[row] ?? '').padEnd(col);
    lines[row] = line.slice(0, col) + char + line.slice(col + 1);
    col++;
  };
  // eslint-disable-next-line no-control-regex
  for (const token of output.match(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]|[\s\S]/g) ?? []) {
    if (token === '\n') {
      row++;
      col = 0;
      lines[row] ??= '';
    } else if (token === '\r') col = 0;
    else if (token === '\x1b7') saved = { row, col };
    else if (token === '\x1b8') ({ row, col } = saved);
    else if (token === '\x1b[2K') lines[row] = '';
    else if (token === '\x1b[0J' || token === '\x1b[J') {
      lines[row] = (lines[row] ?? '').slice(0, col);
      lines.length = row + 1;
    }
    // eslint-disable-next-line no-control-regex
    else if (/^\x1b\[\d*A$/.test(token)) row = Math.max(0, row - Number(token.slice(2, -1) || 1));
    // eslint-disable-next-line no-control-regex
    else if (/^\x1b\[\d*B$/.test(token)) row += Number(token.slice(2, -1) || 1);
    else if (token === '\x1b[0K') lines[row] = (lines[row] ?? '').slice(0, col);
    // eslint-disable-next-line no-control-regex
    else if (/^\x1b\[\d*G$/.test(token)) col = Math.max(0, Number(token.slice(2, -1) || 1) - 1);
    else if (!token.startsWith('\x1b')) put(token);
  }
  return lines.map((line) => line.trimEnd());
}

describe('progress display', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    useTerminalLogs(undefined);
    vi.useRealTimers();
  });

  it('shows one line per provider, a wait on its provider line and a notice above the lines', () => {
    const terminal = fakeTerminal(true);
    const display = createProgressDisplay({ quiet: false, stream: terminal.stream, plan: [{ provider: 'oura', resources: 4 }, { provider: 'whoop', resources: 2 }] });
    display.update({ provider: 'oura', resource: 'daily_sleep', done: 10, total: 10, fetched: 50 });
    display.update(progress(5)); // fetched 25: the last report of a resource counts
    display.update({ provider: 'oura', resource: 'heartrate', done: 1, total: 2, fetched: 700 });
    display.waiting({ provider: 'whoop', pid: 4242, message: 'waiting for another sync of whoop (pid 4242)' });
    display.notice('Stopping after the current request');
    vi.advanceTimersByTime(500);
    const shown = screen(terminal.output()).filter(Boolean);
    expect(shown[0]).toBe('Stopping after the current request');
    // daily_sleep counted once though reported again; the current resource's share fills the bar.
    expect(shown[1]).toMatch(/^ oura {5}[█░]{20} 2\/4 heartrate {2}725 fetched$/);
    expect(shown[1]?.match(/█/g)?.length).toBe(Math.round(20 * (1.5 / 4)));
    expect(shown[2]).toMatch(/^ whoop {4}░{20} waiting for another sync \(pid 4242\)$/);
    expect(shown).toHaveLength(3);
    display.stop();
    expect(screen(terminal.output()).filter(Boolean)).toEqual(['Stopping after the current request']);
  });

  it('keeps log lines off the terminal while the lines are shown, then says where they went', () => {
    const terminal = fakeTerminal(true);
    const logs = createTerminalLogs({ logFile: 'logs/wearables-mcp.log', target: terminal.stream });
    useTerminalLogs(logs);
    logs.stream.write('{"level":40,"msg":"before"}\n');
    const display = createProgressDisplay({ quiet: false, stream: terminal.stream, plan: [{ provider: 'oura', resources: 1 }] });
    logs.stream.write('{"level":40,"msg":"during one"}\n');
    logs.stream.write('{"level":40,"msg":"during two"}\n');
    vi.advanceTimersByTime(500);
    expect(terminal.output()).not.toContain('during');
    display.stop();
    logs.stream.write('{"level":40,"msg":"after"}\n');
    const shown = screen(terminal.output()).filter(Boolean);
    expect(shown).toEqual([
      '{"level":40,"msg":"before"}',
      '2 log lines written while the progress was shown: see the log in logs',
      '{"level":40,"msg":"after"}',
    ]);
  });

  it('prints the held log lines after the lines are gone when there is no log file', () => {
    const terminal = fakeTerminal(true);
    useTerminalLogs(createTerminalLogs({ logFile: null, target: terminal.stream }));
    const display = createProgressDisplay({ quiet: false, stream: terminal.stream, plan: [{ provider: 'oura', resources: 1 }] });
    const logs = createTerminalLogs({ logFile: null, target: terminal.stream });
    const release = logs.hold();
    logs.stream.write('held line\n');
    expect(terminal.output()).not.toContain('held line');
    release();
    display.stop();
    expect(screen(terminal.output()).filter(Boolean)).toEqual(['held line']);
  });

  it('prints notices and waits as plain lines without a terminal, and even when quiet (--json)', () => {
    const pipe = fakeTerminal(false);
    const display = createProgressDisplay({ quiet: false, stream: pipe.stream, plan: [{ provider: 'oura', resources: 3 }] });
    display.update(progress(10));
    display.waiting({ provider: 'oura', pid: 7, message: 'waiting for another sync of oura (pid 7)' });
    display.notice('a notice');
    display.stop();
    expect(pipe.output()).toBe('synced oura/daily_sleep: 50 fetched\nwaiting for another sync of oura (pid 7)\na notice\n');

    const quiet = fakeTerminal(false);
    const json = createProgressDisplay({ quiet: true, stream: quiet.stream });
    json.update(progress(10));
    json.waiting({ provider: 'oura', pid: 7, message: 'waiting for another sync of oura (pid 7)' });
    expect(quiet.output()).toBe('waiting for another sync of oura (pid 7)\n');
  });
});
