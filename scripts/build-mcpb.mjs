// `npm run mcpb`: builds the Claude Desktop extension dist/wearables-mcp-<version>.mcpb with the MCP
// bundle tool (@anthropic-ai/mcpb): the packed npm package (the bundled CLI) plus its runtime
// node_modules, installed from package-lock.json, under server/, and manifest.json. Then unpacks the
// archive, validates its manifest with `mcpb validate` and starts the server the way the manifest
// tells a client to, answering tools/list over stdio. Builds first, unless `--no-build` says dist/
// was just built (CI, after `npm test`).
//
// better-sqlite3 is native: the bundle holds a binary for this platform and this Node major version,
// so the staged manifest narrows `compatibility` to both (build the bundle on each target platform).
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { getMcpConfigForManifest } from '@anthropic-ai/mcpb';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const mcpbCli = join(root, 'node_modules', '@anthropic-ai', 'mcpb', 'dist', 'cli', 'cli.js');
const work = join(root, '.tmp', 'mcpb');
const stage = join(work, 'stage');
const server = join(stage, 'server');
const unpacked = join(work, 'unpacked');
const bundle = join(root, 'dist', `${pkg.name}-${pkg.version}.mcpb`);

// Sources and build leftovers of the native module: only build/Release/better_sqlite3.node is loaded.
const IGNORE = [
  'server/node_modules/better-sqlite3/deps/',
  'server/node_modules/better-sqlite3/src/',
  'server/node_modules/better-sqlite3/build/*',
  '!server/node_modules/better-sqlite3/build/Release',
  'server/node_modules/better-sqlite3/build/Release/*',
  '!server/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
];

async function run(command, args, options = {}) {
  try {
    return await promisify(execFile)(command, args, { maxBuffer: 64 * 1024 * 1024, timeout: 600_000, ...options });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${error.code}):\n${error.stdout ?? ''}${error.stderr ?? ''}`, { cause: error });
  }
}

/** The npm package, unpacked into server/, with its production dependencies from the lockfile. */
async function stageServer() {
  const { stdout } = await run(npm, ['pack', '--json', '--ignore-scripts', '--loglevel=error', '--pack-destination', work], { cwd: root });
  const [report] = JSON.parse(stdout.slice(stdout.indexOf('[')));
  mkdirSync(server, { recursive: true });
  await run('tar', ['-xzf', join(work, report.filename), '-C', server, '--strip-components=1']);
  copyFileSync(join(root, 'package-lock.json'), join(server, 'package-lock.json'));
  await run(npm, ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: server });
  await placeNativeBinary();
  rmSync(join(server, 'package-lock.json'));
}

/**
 * The checkout's better-sqlite3 binary when it is the same version and was built for this Node
 * (it loads here), which saves a second compile; otherwise the module is rebuilt in the stage.
 */
async function placeNativeBinary() {
  const relativeBinary = join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  const version = (directory) => JSON.parse(readFileSync(join(directory, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')).version;
  const own = join(root, relativeBinary);
  const loadsHere = existsSync(own) && (await run(process.execPath, ['-e', `require(${JSON.stringify(join(root, 'node_modules', 'better-sqlite3'))})(':memory:')`]).then(() => true, () => false));
  if (loadsHere && version(root) === version(server)) {
    mkdirSync(join(server, 'node_modules', 'better-sqlite3', 'build', 'Release'), { recursive: true });
    copyFileSync(own, join(server, relativeBinary));
    return 'copied';
  }
  await run(npm, ['rebuild', 'better-sqlite3', '--loglevel=error'], { cwd: server });
  return 'rebuilt';
}

function stageManifest() {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  if (manifest.version !== pkg.version) throw new Error(`manifest.json version ${manifest.version} differs from package.json ${pkg.version}`);
  const major = Number(process.versions.node.split('.')[0]);
  manifest.compatibility = { ...manifest.compatibility, platforms: [process.platform], runtimes: { node: `>=${major}.0.0 <${major + 1}.0.0` } };
  writeFileSync(join(stage, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(stage, '.mcpbignore'), `${IGNORE.join('\n')}\n`);
  return manifest;
}

/** Starts the unpacked bundle's server as a client would from the manifest, in a temporary home. */
async function listToolsOfBundle(manifest) {
  const config = await getMcpConfigForManifest({ manifest, extensionPath: unpacked, systemDirs: {}, userConfig: {}, pathSeparator: '/' });
  const home = join(work, 'home');
  const env = { ...config.env, PATH: process.env.PATH ?? '', HOME: home, WEARABLES_MCP_HOME: join(home, 'data'), LOG_LEVEL: 'warn' };
  const command = config.command === 'node' ? process.execPath : config.command;
  const transport = new StdioClientTransport({ command, args: config.args, cwd: work, env, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => (stderr += chunk));
  const client = new Client({ name: 'mcpb-check', version: pkg.version });
  try {
    await client.connect(transport);
    const { tools } = await client.listTools();
    if (!tools.some((tool) => tool.name === 'get_auth_status')) throw new Error(`tools/list lacks get_auth_status:\n${stderr}`);
    // Opens the SQLite cache: the bundled native module loads.
    const result = await client.callTool({ name: 'get_events', arguments: {} });
    if (result.isError || !Array.isArray(result.structuredContent?.events)) throw new Error(`get_events answered ${JSON.stringify(result).slice(0, 500)}\n${stderr}`);
    return tools.length;
  } finally {
    await client.close();
  }
}

async function main() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  if (!process.argv.includes('--no-build')) await run(npm, ['run', 'build', '--silent'], { cwd: root });
  await stageServer();
  const manifest = stageManifest();
  await run(process.execPath, [mcpbCli, 'validate', join(stage, 'manifest.json')]);
  rmSync(bundle, { force: true });
  await run(process.execPath, [mcpbCli, 'pack', stage, bundle]);
  await run(process.execPath, [mcpbCli, 'unpack', bundle, unpacked]);
  const { stdout } = await run(process.execPath, [mcpbCli, 'validate', join(unpacked, 'manifest.json')]);
  const tools = await listToolsOfBundle(manifest);
  const size = (statSync(bundle).size / 1024 / 1024).toFixed(1);
  console.log(`mcpb: ${stdout.trim().split('\n')[0]} (unpacked bundle); the server answered tools/list (${tools} tools) and get_events`);
  console.log(`mcpb: built ${bundle.slice(root.length)} (${size} MB, ${process.platform}, Node ${process.versions.node.split('.')[0]})`);
}

try {
  await main();
} catch (error) {
  console.error(`mcpb: FAILED: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
