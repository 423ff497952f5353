#!/usr/bin/env node
// Tool fuzzing, long version: `npm run fuzz` (builds first) or `node bench/fuzz-tools.mjs
// [--calls 5000] [--seed 1] [--fast]`. Sends generated tools/call requests to the built CLI's
// `serve --demo` over stdio in a temp root and prints its figures: calls, results, errors by code,
// largest answers, latency p50/p99, server RSS, slow calls; then every problem (an answer over its
// budget or time limit, a stack trace or a machine path in an answer, a file written outside the
// exports folder, the server dying). Exits 1 when there is any.
import { existsSync } from 'node:fs';
import { runToolFuzz } from './fuzz-run.mjs';
import { CLI_ENTRY } from './fuzz-server.mjs';

const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? Number(process.argv[index + 1]) : fallback;
};
if (!existsSync(CLI_ENTRY)) {
  console.error('dist/bin/wearables-mcp.js is missing: run `npm run build` first (npm run fuzz does).');
  process.exit(2);
}
const fast = process.argv.includes('--fast');
const calls = argument('calls', fast ? 500 : 5_000);
const seed = argument('seed', 1);
const options = fast ? { daysBack: 80, quotaFlagRate: 0, warm: ['oura', 'whoop'] } : {};
console.log(`Fuzzing ${calls} tool calls (seed ${seed}${fast ? ', fast: cached days only' : ''}) against serve --demo ...`);
const report = await runToolFuzz({
  calls,
  seed,
  ...options,
  onProgress: (index) => {
    if (index > 0 && index % 500 === 0) console.log(`  ${index} calls`);
  },
});
const { figures } = report;
const codes = (counts) => Object.entries(counts).map(([code, count]) => `${code} ${count}`).join(', ') || 'none';
console.log(`calls              ${figures.calls} in ${figures.seconds} s`);
console.log(`results            ${figures.results}`);
console.log(`tool errors        ${codes(figures.tool_errors)}`);
console.log(`protocol errors    ${codes(figures.protocol_errors)}`);
console.log(`max answer bytes   ${figures.max_answer_bytes} (result), ${figures.max_error_bytes} (error)`);
console.log(`latency ms         p50 ${figures.p50_ms}, p99 ${figures.p99_ms}, max ${figures.max_ms}`);
console.log(`server RSS MB      start ${figures.rss_mb_start}, max ${figures.rss_mb_max}, end ${figures.rss_mb_end ?? 'n/a'}`);
console.log(`slow calls (>10 s) ${figures.slow_calls.length}`);
for (const slow of figures.slow_calls.slice(0, 10)) console.log(`  ${slow}`);
const failures = [
  ...(report.died ? [`server died or hung: ${report.died}`] : []),
  ...report.escapes.map((path) => `file written outside <home>/exports: <root>/${path}`),
  ...report.problems,
];
console.log(`problems           ${failures.length}`);
for (const failure of failures.slice(0, 40)) console.log(`  ${failure}`);
process.exit(failures.length > 0 ? 1 : 0);
