/** Runs the built CLI under a pseudo terminal (util-linux `script`), as a person at a terminal sees it. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { CLI_ENTRY } from '../cli-helpers.js';

/** Whether util-linux `script` is here to give the CLI a pseudo terminal. */
export const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;

/** Starts the CLI under a pseudo terminal; resolves with everything the terminal received. */
export function runInTerminal(args: string[], env: Record<string, string>): { output(): string; kill(): void; done: Promise<{ code: number | null; output: string }> } {
  const command = [process.execPath, CLI_ENTRY, ...args].map(quote).join(' ');
  const child: ChildProcess = spawn('script', ['-qfec', command, '/dev/null'], { env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const done = new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
  return { output: () => output, kill: () => child.kill('SIGTERM'), done };
}

/** The text after the last control sequence that cleared the bars (what stays on screen). */
export function finalText(output: string): string {
  const cleared = output.lastIndexOf('\x1b[0J');
  return output.slice(cleared === -1 ? 0 : cleared + 4).replaceAll('\r', '');
}

