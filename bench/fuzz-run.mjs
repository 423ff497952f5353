// One fuzz run: start the demo server in a temp root, warm its cache with one sync per provider,
// send `calls` generated tool calls one after another and check every answer: a result or a
// protocol error, within its time limit and size budget, with no stack trace and no path of this
// machine; afterwards, no file outside the exports folder. Returns the figures and every problem.
import { readdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom, generateCall } from './fuzz-generator.mjs';
import { createFuzzRoot, rssMb, startFuzzServer } from './fuzz-server.mjs';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
/** An error answer (tool error or protocol error) stays under this. */
export const MAX_ERROR_BYTES = 2_048;
const SLOW_TOOLS = new Set(['sync', 'export_data']);
const NAMES = ['daily_sleep', 'sleep', 'heartrate', 'steps', 'workout', 'all', 'average_hrv_ms', 'measures', 'cycle', 'recovery', 'weight', 'hrv_rmssd'];
const STACK = /\n\s+at \S|\bat [\w.<>]+ \(|node:internal|\.(?:c|m)?[jt]s:\d+:\d+/;

async function toolBudgets() {
  const { loadAllTools } = await import(new URL('../dist/mcp/tools/registry.js', import.meta.url).href);
  const TOOLS = await loadAllTools();
  const { DEFAULT_BUDGET_BYTES } = await import(new URL('../dist/mcp/response.js', import.meta.url).href);
  return new Map(TOOLS.map((tool) => [tool.name, tool.budgetBytes ?? DEFAULT_BUDGET_BYTES]));
}

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The problems of one answer (empty when it is fine). */
function checkAnswer(call, answer, context) {
  const problems = [];
  const { message, bytes, ms } = answer;
  const limitMs = SLOW_TOOLS.has(call.tool) ? context.slowLimitMs : context.limitMs;
  if (ms > limitMs) problems.push(`took ${Math.round(ms)} ms (limit ${limitMs})`);
  if (message.error) {
    if (bytes > MAX_ERROR_BYTES) problems.push(`protocol error of ${bytes} bytes`);
  } else if (!message.result || !Array.isArray(message.result.content)) {
    problems.push('neither a result with content nor a protocol error');
  } else {
    const text = message.result.content.map((part) => part.text ?? '').join('');
    const textBytes = Buffer.byteLength(text, 'utf8');
    const limit = message.result.isError ? MAX_ERROR_BYTES : context.budgets.get(call.tool);
    if (textBytes > limit) problems.push(`${message.result.isError ? 'error' : 'answer'} of ${textBytes} bytes (budget ${limit})`);
  }
  const line = JSON.stringify(message);
  if (STACK.test(line)) problems.push(`stack trace: ${line.match(STACK)?.[0]}`);
  const sent = JSON.stringify(call.args ?? null);
  // An export answer (or refusal) names files under <home>/exports: that is its job.
  const scanned = call.tool === 'export_data' ? line.split(`${context.paths.dataHome}/exports`).join('<exports>') : line;
  for (const prefix of context.machinePaths) {
    if (scanned.includes(prefix) && !sent.includes(prefix)) problems.push(`machine path ${prefix} in the answer`);
  }
  return problems;
}

/** Counts one answer into `figures` (results, codes, largest texts, slow calls). */
function tally(figures, call, answer, { slowMs, log }) {
  figures.calls += 1;
  if (answer.ms > slowMs) {
    const tail = process.env.FUZZ_SHOW_LOG ? `; server log: ${log().slice(-800)}` : '';
    figures.slow_calls.push(`${call.tool} ${Math.round(answer.ms)} ms: ${JSON.stringify(call.args)?.slice(0, 120)}${tail}`);
  }
  const { kind, code } = classify(answer.message);
  if (kind === 'result') figures.results += 1;
  else if (kind === 'error') figures.tool_errors[code] = (figures.tool_errors[code] ?? 0) + 1;
  else figures.protocol_errors[code] = (figures.protocol_errors[code] ?? 0) + 1;
  const text = answer.message.result?.content?.map((part) => part.text ?? '').join('') ?? answer.message.error?.message ?? '';
  const bytes = Buffer.byteLength(text, 'utf8');
  if (kind === 'result') figures.max_answer_bytes = Math.max(figures.max_answer_bytes, bytes);
  else figures.max_error_bytes = Math.max(figures.max_error_bytes, bytes);
}

function classify(message) {
  if (message.error) return { kind: 'protocol', code: String(message.error.code) };
  if (message.result?.isError) {
    const code = message.result.structuredContent?.error?.code ?? /^([A-Z_]+):/.exec(message.result.content?.[0]?.text ?? '')?.[1] ?? 'UNKNOWN';
    return { kind: 'error', code };
  }
  return { kind: 'result', code: 'ok' };
}

/**
 * Runs `calls` fuzzed tool calls (seeded) against `serve --demo`. `limitMs` bounds each answer
 * (`slowLimitMs` for sync and export_data; beyond it the call counts as hung), `slowMs` lists the
 * slow ones. `daysBack: 80, quotaFlagRate: 0` keeps valid calls inside the demo's synced 90 days
 * (the fast run: no provider quota spent, so no call waits out a rate limit). Resolves to
 * `{ figures, problems, escapes, died }`.
 */
export async function runToolFuzz({ calls, seed = 1, warm = ['oura', 'whoop', 'withings'], daysBack = 400, quotaFlagRate = 0.1, limitMs = 90_000, slowLimitMs = 120_000, slowMs = 10_000, onProgress, keepRoot = false }) {
  const paths = createFuzzRoot();
  const budgets = await toolBudgets();
  const machinePaths = [...new Set([paths.root, REPO_ROOT, homedir() === '/' ? null : homedir(), dirname(REPO_ROOT) === '/' ? null : `${dirname(REPO_ROOT)}/`, '/usr/lib/', '/etc/', '/proc/'].filter(Boolean))];
  const started = performance.now();
  const server = await startFuzzServer(paths);
  const figures = { calls: 0, results: 0, tool_errors: {}, protocol_errors: {}, max_answer_bytes: 0, max_error_bytes: 0, rss_mb_start: rssMb(server.pid), rss_mb_max: 0, slow_calls: [] };
  const problems = [];
  const latencies = [];
  let died = null;
  try {
    for (const provider of warm) {
      const synced = await server.request('tools/call', { name: 'sync', arguments: { provider } }, 180_000);
      if (synced.message.error || synced.message.result?.isError) problems.push(`warm-up sync of ${provider} failed: ${JSON.stringify(synced.message).slice(0, 300)}`);
    }
    const tools = (await server.request('tools/list', {})).message.result.tools;
    const rnd = createRandom(seed);
    const today = new Date().toISOString().slice(0, 10);
    const context = { today, daysBack, quotaFlagRate, names: NAMES, root: paths.root };
    const checkContext = { budgets, paths, machinePaths, limitMs, slowLimitMs };
    for (let index = 0; index < calls; index += 1) {
      const call = generateCall(tools, rnd, context, index);
      let answer;
      try {
        answer = await server.request('tools/call', { name: call.tool, arguments: call.args }, slowLimitMs * 2);
      } catch (error) {
        died = `${error.message} at call ${index} (${call.tool}, ${call.strategy}: ${JSON.stringify(call.args)?.slice(0, 300)})`;
        break;
      }
      latencies.push(answer.ms);
      tally(figures, call, answer, { slowMs, log: () => server.stderr() });
      for (const problem of checkAnswer(call, answer, checkContext)) problems.push(`${call.tool} (${call.strategy}, call ${index}): ${problem}; args ${JSON.stringify(call.args)?.slice(0, 200)}`);
      if (index % 50 === 0) {
        figures.rss_mb_max = Math.max(figures.rss_mb_max, rssMb(server.pid) ?? 0);
        onProgress?.(index, figures);
      }
    }
    figures.rss_mb_end = rssMb(server.pid);
    figures.rss_mb_max = Math.max(figures.rss_mb_max, figures.rss_mb_end ?? 0);
  } finally {
    const exit = await server.close();
    if (!died && server.exited() && exit.signal === 'SIGKILL') died = 'server did not exit on stdin end';
  }
  if (died) died = `${died}; server stderr: ${server.stderr().slice(-1_500)}`;
  const sorted = [...latencies].sort((a, b) => a - b);
  figures.p50_ms = Math.round(percentile(sorted, 50) * 10) / 10;
  figures.p99_ms = Math.round(percentile(sorted, 99) * 10) / 10;
  figures.max_ms = Math.round((sorted[sorted.length - 1] ?? 0) * 10) / 10;
  figures.seconds = Math.round((performance.now() - started) / 100) / 10;
  // Nothing may appear outside the exports folder: not in <root>/outside, not in the working directory.
  const escapes = [...listFiles(paths.outside), ...listFiles(paths.cwd)].map((path) => path.slice(paths.root.length + 1));
  if (!keepRoot) rmSync(paths.root, { recursive: true, force: true });
  return { figures, problems, escapes, died, root: paths.root };
}
