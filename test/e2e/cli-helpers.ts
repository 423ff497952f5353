/** Spawns the built CLI (`dist/bin/wearables-mcp.js`) as a user would, collecting its output. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI_ENTRY = fileURLToPath(new URL('../../dist/bin/wearables-mcp.js', import.meta.url));

/** Fails fast with the fix when the CLI was not built (`npm test` builds before running tests). */
export function assertBuilt(): void {
  if (!existsSync(CLI_ENTRY)) throw new Error('dist/bin/wearables-mcp.js is missing: run `npm run build` (npm test does it first).');
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `wearables-mcp <args>`; `input` is written to stdin when a line is asked for. */
export function runCli(
  args: string[],
  env: Record<string, string>,
  options: { onStderr?: (chunk: string, write: (line: string) => void) => void; timeoutMs?: number; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(options.cwd ? { cwd: options.cwd } : {}),
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`wearables-mcp ${args.join(' ')} timed out; stderr: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(chunk.toString(), (line) => child.stdin.write(`${line}\n`));
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (!options.onStderr) child.stdin.end();
  });
}

export interface StartedCli {
  pid: number;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Everything written to stdout so far. */
  stdoutSoFar(): string;
  /** Resolves when the process exited (with its output). */
  done: Promise<CliResult>;
  /** Sends `signal` to the process. */
  kill(signal: NodeJS.Signals): void;
}

/** Starts `wearables-mcp <args>` without waiting for it (to kill it, or to run another beside it). */
export function startCli(args: string[], env: Record<string, string>): StartedCli {
  const child = spawn(process.execPath, [CLI_ENTRY, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : null), stdout, stderr }));
  });
  return { pid: child.pid ?? -1, stderr: () => stderr, stdoutSoFar: () => stdout, done, kill: (signal) => child.kill(signal) };
}
