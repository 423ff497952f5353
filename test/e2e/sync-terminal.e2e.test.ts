/**
 * `wearables-mcp sync` as a person sees it in a terminal (the built CLI under a pseudo terminal
 * from `script`), over three providers on the simulator: one progress line per provider, a line
 * that waits for another sync naming its pid, no log line drawn over the bars (they go to the log
 * file, and one line says so), and a summary of a few lines with totals and the elapsed time.
 * Without a terminal the progress lines and the --json document keep their shape.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-helpers.js';
import { finalText, hasScript, runInTerminal } from './support/terminal.js';
import { startThreeProviderHome, THREE_PROVIDERS, type ThreeProviderHome } from './support/three-providers.js';

const TOKEN = 'sync-terminal-e2e-token-41b7a2';
const waitFor = async (condition: () => boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

if (!hasScript) console.log('sync-terminal e2e skipped: util-linux `script` (a pseudo terminal) is not installed');

describe.skipIf(!hasScript)('sync in a terminal', () => {
  let world: ThreeProviderHome;

  beforeAll(async () => {
    world = await startThreeProviderHome({ seed: 11, token: TOKEN });
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  });

  it('draws a line per provider, keeps a warning off the bars (log file) and ends with a short summary', async () => {
    const logFile = join(world.home, 'logs', 'terminal.log');
    world.simulator.control.delay(20, { pathPrefix: '/oura', count: 100_000 });
    // The profile answers 503 until the retries give up: one resource fails, a warning is logged.
    world.simulator.control.failNext(50, { pathPrefix: '/whoop/developer/v2/user/profile' });
    try {
      const { code, output } = await runInTerminal(['sync'], { ...world.env, LOG_FILE: logFile }).done;
      expect(code, output).not.toBe(0);
      // Every provider has its own bar; the slowed one (every request delayed) is surely drawn in
      // progress, while a fast one may finish between two redraws on an idle machine.
      for (const provider of THREE_PROVIDERS) expect(output).toMatch(new RegExp(` ${provider} +[█░]{20} `));
      expect(output).toMatch(new RegExp(` ${THREE_PROVIDERS[0]} +[█░]{20} \\d+/\\d+ \\w+ +[\\d,]+ fetched`));
      // No JSON log line reached the terminal; the warning is in the file, and one line says where.
      expect(output).not.toContain('"level"');
      // pino-roll numbers the file it writes (terminal.1.log).
      const written = readdirSync(join(world.home, 'logs')).map((name) => readFileSync(join(world.home, 'logs', name), 'utf8')).join('');
      expect(written).toContain('sync resource failed');
      const screen = finalText(output);
      expect(screen).toMatch(/^\d+ log lines? written while the progress was shown: see the log in .*logs$/m);
      const summary = screen.slice(screen.indexOf('Synced 3 providers in'));
      expect(summary).toMatch(/^Synced 3 providers in \d+\.\d s: 2 ok, 1 with errors \(below\)\.\n {20}records +new +changed +deleted +samples +requests\n/);
      expect(summary).toMatch(/^ {2}oura +ok +[\d,]+ +[\d,]+ +\d+ +\d+ +[\d,]+ +\d+$/m);
      expect(summary).toMatch(/^ {2}whoop +partial /m);
      expect(summary).toMatch(/^ {2}total {10,}[\d,]+ /m);
      expect(summary).toMatch(/^ {2}whoop: \w+: .+/m);
      expect(summary.trim().split('\n').length).toBeLessThanOrEqual(8);
    } finally {
      world.simulator.control.clearFaults();
    }
  }, 150_000);

  it('says on the provider line that it waits for another sync, with its pid, and goes on once it is gone', async () => {
    const holder = spawn('sleep', ['60'], { stdio: 'ignore' });
    const lockPath = join(world.home, 'sync-oura.lock');
    writeFileSync(lockPath, JSON.stringify({ pid: holder.pid, host: hostname(), token: randomBytes(12).toString('hex'), acquiredAt: new Date().toISOString() }));
    try {
      const run = runInTerminal(['sync', 'oura'], world.env);
      await waitFor(() => run.output().includes(`waiting for another sync (pid ${holder.pid})`), 30_000, 'the wait line');
      expect(run.output()).toMatch(new RegExp(` oura +░{20} waiting for another sync \\(pid ${holder.pid}\\)`));
      rmSync(lockPath);
      const { code, output } = await run.done;
      expect(code, output).toBe(0);
      expect(finalText(output)).toMatch(/^Synced 1 provider in \d+\.\d s\.$/m);
    } finally {
      holder.kill('SIGKILL');
      if (existsSync(lockPath)) rmSync(lockPath);
    }
  }, 90_000);

  it('keeps the shape of the piped progress lines and of --json', async () => {
    const piped = await runCli(['sync'], world.env, { timeoutMs: 90_000 });
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stderr).toMatch(/^synced oura\/\w+: \d+ fetched$/m);
    expect(piped.stdout).toMatch(/^Synced 3 providers in \d+\.\d s\.$/m);
    const json = await runCli(['sync', '--json'], world.env, { timeoutMs: 90_000 });
    expect(json.stderr).toBe('');
    const document = JSON.parse(json.stdout) as { ok: boolean; results: Array<Record<string, unknown>> };
    expect(Object.keys(document)).toEqual(['ok', 'results']);
    for (const result of document.results) expect(Object.keys(result)).toEqual(['provider', 'run_id', 'status', 'counts']);
  }, 150_000);
});
