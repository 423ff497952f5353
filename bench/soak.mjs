// Soak: `serve --http` with its background scheduler over Oura, WHOOP and Withings for several
// scheduled runs while MCP clients keep calling tools (reads that sync, the sync tool, status).
// Checks the server stays up, every call is answered, no sync lock is left and memory stays
// bounded; prints runs, RSS start/end/max and calls answered.
//
//   npm run soak                      # 1-minute scheduler, 5 runs (needs `npm run build`)
//   SOAK_RUNS=10 SOAK_INTERVAL_MINUTES=1 node bench/soak.mjs
import { pathToFileURL } from 'node:url';
import { connectHttpClient, health, rssMb, sleep, startHttpServe, startWorld } from './suite-support.mjs';

// Reads sync what they miss (all three providers); the sync tool runs for Oura and WHOOP only, so
// the scheduler's Withings runs stay within its 120 requests a minute (the client paces to that).
export const CALLS = [
  { name: 'get_oura_sleep_summary', arguments: {} },
  { name: 'get_whoop_daily_summary', arguments: {} },
  { name: 'get_withings_measures', arguments: {} },
  { name: 'sync', arguments: { provider: 'oura' } },
  { name: 'get_auth_status', arguments: {} },
  { name: 'sync', arguments: { provider: 'whoop' } },
];

/** Runs the soak; resolves with its figures (see the fields below). */
export async function runSoak(options = {}) {
  const runs = options.runs ?? 5;
  const intervalMinutes = options.intervalMinutes ?? 1;
  const clients = options.clients ?? 2;
  const world = await startWorld({ historyDays: options.historyDays ?? 30 });
  const server = await startHttpServe(world.env, { SYNC_INTERVAL_MINUTES: String(intervalMinutes), SYNC_JITTER_MINUTES: '0', ...options.serverEnv });
  const figures = { runs: 0, statuses: [], rssStartMb: rssMb(server.pid), rssAfterFirstRunMb: Number.NaN, rssEndMb: Number.NaN, rssMaxMb: 0, callsAnswered: 0, callErrors: [], warnings: [], aliveAtEnd: false, leftoverLocks: [], exitCode: null, durationSeconds: 0 };
  const started = Date.now();
  let calling = true;
  const callers = [];
  try {
    const names = new Set((await (await connectHttpClient(server.url)).listTools()).tools.map((tool) => tool.name));
    const calls = (options.calls ?? CALLS).filter((call) => names.has(call.name));
    for (let index = 0; index < clients; index++) {
      callers.push(
        (async () => {
          const client = await connectHttpClient(server.url);
          for (let turn = index; calling; turn++) {
            const call = calls[turn % calls.length];
            const result = await client.callTool(call, { timeout: 120_000 }).catch((error) => ({ isError: true, content: [{ text: String(error) }] }));
            if (result.isError) figures.callErrors.push(`${call.name}: ${JSON.stringify(result.content).slice(0, 300)}`);
            else figures.callsAnswered++;
            await sleep(options.callPauseMs ?? 100);
          }
          await client.close();
        })(),
      );
    }
    let seenRuns = 0;
    while (seenRuns < runs) {
      if (!server.alive()) throw new Error(`the server died: ${server.stderr().slice(-2000)}`);
      const scheduler = (await health(server.url)).scheduler;
      const finished = scheduler.running ? scheduler.runs - 1 : scheduler.runs;
      if (finished > seenRuns && scheduler.last_run) {
        seenRuns = finished;
        figures.statuses.push(scheduler.last_run.statuses);
        if (seenRuns === 1) figures.rssAfterFirstRunMb = rssMb(server.pid);
        options.onRun?.(seenRuns, scheduler.last_run.statuses, rssMb(server.pid), scheduler.last_run);
      }
      figures.rssMaxMb = Math.max(figures.rssMaxMb, rssMb(server.pid));
      await sleep(250);
    }
    figures.runs = seenRuns;
    calling = false;
    await Promise.all(callers);
    // Let a scheduled run that started meanwhile finish before looking for locks.
    while ((await health(server.url)).scheduler.running) await sleep(100);
    figures.rssEndMb = rssMb(server.pid);
    figures.aliveAtEnd = server.alive();
    figures.leftoverLocks = world.leftoverLocks();
    figures.providerRequests = Object.fromEntries(['oura', 'whoop', 'withings'].map((id) => [id, world.simulator.control.requests(`/${id}`).length]));
  } finally {
    calling = false;
    await Promise.allSettled(callers);
    server.child.kill('SIGTERM');
    const exit = await server.done;
    figures.exitCode = exit.code;
    figures.log = exit.stderr.split('\n');
    figures.warnings = exit.stderr.split('\n').filter((line) => line.includes('"level":40') || line.includes('"level":50'));
    figures.durationSeconds = Math.round((Date.now() - started) / 1000);
    await world.close();
  }
  return figures;
}

/** One line per figure, as the suites print them. */
export function formatSoak(figures) {
  return [
    `scheduled runs: ${figures.runs} (${figures.statuses.map((statuses) => Object.values(statuses).join('/')).join(', ')})`,
    `RSS MB: start ${figures.rssStartMb}, after first run ${figures.rssAfterFirstRunMb}, end ${figures.rssEndMb}, max ${figures.rssMaxMb}`,
    `tool calls answered: ${figures.callsAnswered}, errors: ${figures.callErrors.length}; provider requests: ${JSON.stringify(figures.providerRequests)}`,
    `alive at end: ${figures.aliveAtEnd}, locks left: ${figures.leftoverLocks.length}, exit after SIGTERM: ${figures.exitCode}, ${figures.durationSeconds} s`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await runSoak({
    runs: Number(process.env.SOAK_RUNS ?? 5),
    intervalMinutes: Number(process.env.SOAK_INTERVAL_MINUTES ?? 1),
    historyDays: Number(process.env.SOAK_HISTORY_DAYS ?? 90),
    onRun: (run, statuses, rss) => console.log(`run ${run}: ${JSON.stringify(statuses)}, RSS ${rss} MB`),
  });
  console.log(formatSoak(figures));
  for (const error of figures.callErrors.slice(0, 5)) console.log(`  ${error}`);
  const ok = figures.aliveAtEnd && figures.leftoverLocks.length === 0 && figures.callErrors.length === 0 && figures.exitCode === 0;
  process.exitCode = ok ? 0 : 1;
}
