// Packs the npm tarball, installs it into an empty prefix as a user would, and runs the installed
// copy: `--version`, `demo --days 7` in a temporary home, and `serve --demo` answering tools/list
// over stdio to a real MCP client. Prints what each step took, the install above all (better-sqlite3
// compiles from source when no prebuilt binary can be downloaded, as here). Builds first, unless
// `--no-build` says dist/ was just built (CI, after `npm test`).
//
// The temporary project approves better-sqlite3's install script in its package.json
// (`allowScripts`), as a project depending on wearables-mcp does: npm 11 reads that field from the
// project being installed, never from a dependency, so the package cannot approve itself. A one-off
// `npx` reads it from the user config instead (`npm config set allow-scripts=better-sqlite3`).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const work = mkdtempSync(join(tmpdir(), 'wearables-pack-'));
const prefix = join(work, 'prefix');
const home = join(work, 'home');
const figures = [];

async function step(name, run) {
  const started = performance.now();
  const detail = await run();
  const seconds = (performance.now() - started) / 1000;
  figures.push({ name, seconds });
  console.log(`pack-smoke: ${name} ok in ${seconds.toFixed(1)} s${detail ? ` (${detail})` : ''}`);
}

async function run(command, args, options = {}) {
  try {
    return await promisify(execFile)(command, args, { maxBuffer: 64 * 1024 * 1024, timeout: 600_000, ...options });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${error.code}):\n${error.stdout ?? ''}${error.stderr ?? ''}`, { cause: error });
  }
}

/** The environment of the installed CLI: a fresh home, no settings of this machine's shell. */
function userEnv() {
  return { PATH: process.env.PATH ?? '', HOME: home, WEARABLES_MCP_HOME: join(home, 'data'), LOG_LEVEL: 'warn' };
}

async function main() {
  if (!process.argv.includes('--no-build')) await step('npm run build', () => run(npm, ['run', 'build', '--silent'], { cwd: root }).then(() => ''));
  let tarball;
  await step('npm pack', async () => {
    const { stdout } = await run(npm, ['pack', '--json', '--ignore-scripts', '--loglevel=error', '--pack-destination', work], { cwd: root });
    const [report] = JSON.parse(stdout.slice(stdout.indexOf('[')));
    tarball = join(work, report.filename);
    return `${report.entryCount} files, ${(report.size / 1024).toFixed(0)} kB`;
  });

  await step('npm install of the tarball into an empty prefix', async () => {
    const project = { name: 'pack-smoke', private: true, allowScripts: { 'better-sqlite3': true } };
    mkdirSync(prefix, { recursive: true });
    writeFileSync(join(prefix, 'package.json'), JSON.stringify(project));
    const { stderr } = await run(npm, ['install', '--prefix', prefix, '--no-audit', '--no-fund', tarball], { cwd: work });
    if (/install-scripts/.test(stderr)) throw new Error(`npm warned about install scripts:\n${stderr}`);
    return 'no install-scripts warning';
  });

  const bin = join(prefix, 'node_modules', '.bin', process.platform === 'win32' ? 'wearables-mcp.cmd' : 'wearables-mcp');
  await step('wearables-mcp --version', async () => {
    const { stdout } = await run(bin, ['--version'], { cwd: work, env: userEnv() });
    if (stdout.trim() !== pkg.version) throw new Error(`--version printed "${stdout.trim()}", package.json says ${pkg.version}`);
    return stdout.trim();
  });

  await step('wearables-mcp demo --days 7', async () => {
    const { stdout } = await run(bin, ['demo', '--days', '7'], { cwd: work, env: userEnv() });
    const database = join(home, 'data', 'demo', 'wearables.db');
    if (!existsSync(database)) throw new Error(`the demo left no cache at ${database}:\n${stdout}`);
    return `${stdout.trimEnd().split('\n').length} lines on stdout`;
  });

  await step('wearables-mcp serve --demo: tools/list over stdio', async () => {
    const client = new Client({ name: 'pack-smoke', version: pkg.version });
    const transport = new StdioClientTransport({ command: bin, args: ['serve', '--demo'], cwd: work, env: userEnv(), stderr: 'pipe' });
    let stderr = '';
    transport.stderr?.on('data', (chunk) => (stderr += chunk));
    try {
      await client.connect(transport);
      const { tools } = await client.listTools();
      if (tools.length < 5 || !tools.some((tool) => tool.name === 'get_auth_status')) {
        throw new Error(`tools/list answered ${tools.map((tool) => tool.name).join(', ') || 'nothing'}\n${stderr}`);
      }
      // A read of the SQLite cache the demo filled: the native module loads from the installed copy.
      const result = await client.callTool({ name: 'get_events', arguments: { limit: 5 } });
      const events = result.structuredContent?.events;
      if (result.isError || !Array.isArray(events) || events.length === 0) throw new Error(`get_events answered ${JSON.stringify(result).slice(0, 500)}\n${stderr}`);
      return `${tools.length} tools; get_events read ${events.length} events of the demo`;
    } finally {
      await client.close();
    }
  });
}

try {
  await main();
  const total = figures.reduce((sum, figure) => sum + figure.seconds, 0);
  console.log(`pack-smoke: all steps passed in ${total.toFixed(1)} s`);
} catch (error) {
  console.error(`pack-smoke: FAILED: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
