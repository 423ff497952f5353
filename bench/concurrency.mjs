// Concurrency: two `sync` processes and a `serve --http` server reading, all at once, over Oura,
// WHOOP and Withings whose access tokens have all expired (the simulator's clock moved past their
// lifetime). Expect one refresh per provider (counted at the simulator's token endpoints), no
// grant lost (no failed refresh, still connected, a later sync works) and no SQLITE_BUSY.
//
//   npm run build && node bench/concurrency.mjs    (CONCURRENCY_ROUNDS=5 for more rounds)
import { pathToFileURL } from 'node:url';
import { connectHttpClient, PROVIDERS, startCli, startHttpServe, startWorld } from './suite-support.mjs';

const READS = ['get_oura_sleep_summary', 'get_whoop_daily_summary', 'get_withings_measures'];
const BUSY = /SQLITE_BUSY|database is locked/i;

/** Runs `rounds` rounds (each: expire every token, then sync twice + read at once); resolves with figures. */
export async function runConcurrency(options = {}) {
  const rounds = options.rounds ?? 1;
  const world = await startWorld({ historyDays: options.historyDays ?? 14 });
  const server = await startHttpServe(world.env, { SYNC_INTERVAL_MINUTES: '0' });
  const figures = { rounds: [], grantsKept: false, finalSyncOk: false, busy: 0, serverAlive: false, exitCode: null };
  const outputs = [];
  try {
    const client = await connectHttpClient(server.url);
    for (let round = 0; round < rounds; round++) {
      // Two days on: every access token the simulator issued has expired.
      world.simulator.control.advanceClock(2 * 86_400_000);
      const before = world.tokenCounters();
      const started = Date.now();
      const syncs = [startCli(['sync', '--json'], world.env), startCli(['sync', '--json'], world.env)];
      const reads = READS.map((name) =>
        client.callTool({ name, arguments: {} }, { timeout: 120_000 }).catch((error) => ({ isError: true, content: [{ type: 'text', text: String(error) }] })),
      );
      const [first, second] = await Promise.all(syncs.map((sync) => sync.done));
      const answers = await Promise.all(reads);
      const after = world.tokenCounters();
      outputs.push(first.stdout, first.stderr, second.stdout, second.stderr, JSON.stringify(answers));
      figures.rounds.push({
        seconds: Math.round((Date.now() - started) / 100) / 10,
        refreshes: Object.fromEntries(PROVIDERS.map((id) => [id, after[id].refreshes - before[id].refreshes])),
        refreshFailures: Object.fromEntries(PROVIDERS.map((id) => [id, after[id].failures - before[id].failures])),
        syncExitCodes: [first.code, second.code],
        syncStatuses: [first, second].map((result) => statuses(result.stdout)),
        readErrors: answers.filter((answer) => answer.isError).map((answer) => JSON.stringify(answer.content).slice(0, 300)),
      });
    }
    const status = JSON.parse((await startCli(['status', '--json'], world.env).done).stdout);
    figures.grantsKept = PROVIDERS.every((id) => {
      const entry = status.providers.find((provider) => provider.provider === id);
      return entry?.connection.connected === true && entry.connection.reconnect_needed !== true && entry.connection.reconnectNeeded !== true;
    });
    const final = await startCli(['sync', '--json'], world.env).done;
    outputs.push(final.stdout, final.stderr);
    figures.finalSyncOk = final.code === 0 && Object.values(statuses(final.stdout)).every((value) => value === 'ok');
    figures.serverAlive = server.alive();
    await client.close();
  } finally {
    server.child.kill('SIGTERM');
    const exit = await server.done;
    figures.exitCode = exit.code;
    outputs.push(exit.stderr);
    figures.busy = outputs.filter((text) => BUSY.test(text)).length;
    await world.close();
  }
  return figures;
}

function statuses(stdout) {
  try {
    return Object.fromEntries(JSON.parse(stdout).results.map((result) => [result.provider, result.status]));
  } catch {
    return { unparsable: stdout.slice(0, 200) };
  }
}

/** One line per round plus the totals. */
export function formatConcurrency(figures) {
  const lines = figures.rounds.map(
    (round, index) =>
      `round ${index + 1}: ${round.seconds} s, refreshes ${JSON.stringify(round.refreshes)}, failed refreshes ${JSON.stringify(round.refreshFailures)}, ` +
      `syncs exit ${round.syncExitCodes.join('/')}, read errors ${round.readErrors.length}`,
  );
  lines.push(`grants kept: ${figures.grantsKept}, later sync ok: ${figures.finalSyncOk}, SQLITE_BUSY seen: ${figures.busy}, server alive: ${figures.serverAlive}, exit ${figures.exitCode}`);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await runConcurrency({ rounds: Number(process.env.CONCURRENCY_ROUNDS ?? 3) });
  console.log(formatConcurrency(figures));
  const oneEach = figures.rounds.every((round) => Object.values(round.refreshes).every((count) => count === 1));
  process.exitCode = oneEach && figures.grantsKept && figures.finalSyncOk && figures.busy === 0 ? 0 : 1;
}
