// The server under fuzz: the built CLI `serve --demo` over stdio in a temp root (HOME, the data
// home and the working directory all inside it), spoken to in raw JSON-RPC so every answer is seen
// as sent: its size, its latency, a protocol error or a result. A request with no answer within
// its time limit, or the process exiting, is reported, never waited on.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const CLI_ENTRY = fileURLToPath(new URL('../dist/bin/wearables-mcp.js', import.meta.url));

/**
 * Creates the temp root: `home/` (WEARABLES_MCP_HOME and HOME), `cwd/` (the working directory),
 * `outside/` (where no file may ever appear) and a symlink `home/demo/exports/link-out -> outside`.
 */
export function createFuzzRoot() {
  const root = mkdtempSync(join(tmpdir(), 'wearables-fuzz-'));
  for (const dir of ['home/demo/exports', 'cwd', 'outside']) mkdirSync(join(root, dir), { recursive: true });
  symlinkSync(join(root, 'outside'), join(root, 'home/demo/exports/link-out'));
  return { root, home: join(root, 'home'), dataHome: join(root, 'home/demo'), cwd: join(root, 'cwd'), outside: join(root, 'outside') };
}

/** Resident set size of `pid` in MB (Linux /proc), or null where it cannot be read. */
export function rssMb(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** Starts `serve --demo` in `paths` and completes the MCP handshake; resolves to a connection. */
export async function startFuzzServer(paths, options = {}) {
  const child = spawn(process.execPath, [CLI_ENTRY, 'serve', '--demo'], {
    cwd: paths.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: paths.home, WEARABLES_MCP_HOME: paths.home, LOG_LEVEL: process.env.FUZZ_LOG_LEVEL ?? 'warn', TZ: process.env.TZ ?? 'UTC' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  let exited = null;
  const pending = new Map();
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const exitedPromise = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  exitedPromise.then((info) => {
    exited = info;
    for (const { reject } of pending.values()) reject(new Error(`server exited (${info.signal ?? info.code})`));
    pending.clear();
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      return;
    }
    const waiter = message.id !== undefined ? pending.get(message.id) : undefined;
    if (!waiter) return;
    pending.delete(message.id);
    waiter.resolve({ message, bytes: Buffer.byteLength(line, 'utf8') });
  });
  let nextId = 1;
  /** Sends one request; resolves `{ message, bytes, ms }` or rejects on time-out or exit. */
  const request = (method, params, timeoutMs = 30_000) => {
    if (exited) return Promise.reject(new Error(`server exited (${exited.signal ?? exited.code})`));
    const id = nextId++;
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`no answer to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (answer) => {
          clearTimeout(timer);
          resolve({ ...answer, ms: performance.now() - started });
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) })}\n`);
    });
  };
  const init = await request('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'wearables-fuzz', version: '1.0.0' } }, options.startTimeoutMs ?? 60_000);
  if (init.message.error) throw new Error(`initialize failed: ${JSON.stringify(init.message.error)}`);
  child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  return {
    pid: child.pid,
    request,
    stderr: () => stderr,
    exited: () => exited,
    async close() {
      if (exited) return exited;
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      const info = await exitedPromise;
      clearTimeout(timer);
      return info;
    },
  };
}
