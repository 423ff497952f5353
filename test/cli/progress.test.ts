/**
 * The sync progress display: a notice such as "waiting for another sync" is printed on its own
 * line with the bar cleared first (written under a live bar it would be drawn over), the bar comes
 * back below it with the next update, and `--json` (quiet) still prints the notice on stderr.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressDisplay } from '../../src/cli/progress.js';

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
    else if (token === '\x1b[0K') lines[row] = (lines[row] ?? '').slice(0, col);
    // eslint-disable-next-line no-control-regex
    else if (/^\x1b\[\d*G$/.test(token)) col = Math.max(0, Number(token.slice(2, -1) || 1) - 1);
    else if (!token.startsWith('\x1b')) put(token);
  }
  return lines.map((line) => line.trimEnd());
}

describe('progress display', () => {
  it('clears a running bar before a notice, prints the notice on its own line, and redraws the bar below it', () => {
    const terminal = fakeTerminal(true);
    const display = createProgressDisplay({ quiet: false, stream: terminal.stream });
    display.update(progress(1));
    display.update(progress(2));
    display.notice('waiting for another sync of whoop (pid 4242)');
    display.update(progress(3));
    const shown = screen(terminal.output());
    expect(shown[0]).toBe('waiting for another sync of whoop (pid 4242)');
    expect(shown[1]).toMatch(/^ [█░]+ 3\/10 oura\/daily_sleep \(15 fetched\)$/);
    expect(shown).toHaveLength(2);
    display.stop();
    expect(screen(terminal.output())).toEqual(['waiting for another sync of whoop (pid 4242)', '']);
  });

  it('prints notices as plain lines without a terminal, and even when quiet (--json)', () => {
    const pipe = fakeTerminal(false);
    const display = createProgressDisplay({ quiet: false, stream: pipe.stream });
    display.update(progress(10));
    display.notice('waiting for another sync of oura (pid 7)');
    expect(pipe.output()).toBe('synced oura/daily_sleep: 50 fetched\nwaiting for another sync of oura (pid 7)\n');

    const quiet = fakeTerminal(false);
    const json = createProgressDisplay({ quiet: true, stream: quiet.stream });
    json.update(progress(10));
    json.notice('waiting for another sync of oura (pid 7)');
    expect(quiet.output()).toBe('waiting for another sync of oura (pid 7)\n');
  });
});
