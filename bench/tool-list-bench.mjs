// What a client pays for the tool list: tools/list bytes (and the output-schema share of them)
// with three providers connected, and an SDK v2 client's first callTool (which compiles the
// output-schema validators of every listed tool) against `serve` vs bench/minimal-server.mjs,
// measured in the same run over stdio (median of N interleaved runs). Needs `npm run build`.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { startWorld } from './suite-support.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 7);
const LIST_TARGET_BYTES = 40_000;
const FIRST_CALL_TARGET = 2;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const bytes = (value) => Buffer.byteLength(JSON.stringify(value ?? null), 'utf8');

/**
 * One session: connect, tools/list, then the first and a second call of `tool`. The first call
 * is where an SDK client compiles its output-schema validators; the second is the warm cost.
 */
async function session(command, args, env, tool) {
  const client = new Client({ name: 'tool-list-bench', version: '0.0.0' });
  await client.connect(new StdioClientTransport({ command, args, env: { PATH: process.env.PATH ?? '', ...env }, stderr: 'ignore' }));
  try {
    const { tools } = await client.listTools();
    let started = performance.now();
    const first = await client.callTool({ name: tool.name, arguments: tool.arguments });
    const firstMs = performance.now() - started;
    started = performance.now();
    await client.callTool({ name: tool.name, arguments: tool.arguments });
    const secondMs = performance.now() - started;
    if (first.isError) throw new Error(`${tool.name} failed: ${JSON.stringify(first.content)}`);
    return {
      firstMs,
      secondMs,
      tools: tools.length,
      listBytes: bytes({ tools }),
      outputSchemaBytes: tools.reduce((sum, listed) => sum + (listed.outputSchema ? bytes(listed.outputSchema) : 0), 0),
      withOutputSchema: tools.filter((listed) => listed.outputSchema).length,
    };
  } finally {
    await client.close();
  }
}

/** Prints the figures; returns them (for bench/run.mjs and scripts). */
export async function toolListBench() {
  const world = await startWorld();
  const minimal = [];
  const serveArgs = [join(root, 'dist/bin/wearables-mcp.js'), 'serve'];
  const baseline = [process.execPath, [join(root, 'bench/minimal-server.mjs')], world.env, { name: 'echo', arguments: { text: 'hello' } }];
  const events = { name: 'get_events', arguments: {} };
  // get_events reads the local cache only (the nearest to echo); get_auth_status also reads and
  // decrypts the token file, work of its own that the first call pays on top. The third case is
  // the opt-in listing with output schemas, for the figure behind the default (no target).
  const cases = [
    { label: 'get_events', tool: events, env: world.env, target: true },
    { label: 'get_auth_status', tool: { name: 'get_auth_status', arguments: {} }, env: world.env, target: true },
    { label: 'get_events, WEARABLES_MCP_OUTPUT_SCHEMAS=true', tool: events, env: { ...world.env, WEARABLES_MCP_OUTPUT_SCHEMAS: 'true' }, target: false },
  ];
  const ours = new Map(cases.map((entry) => [entry.label, []]));
  try {
    // One warm-up each (file cache), then interleaved so machine noise hits both equally.
    await session(...baseline);
    await session(process.execPath, serveArgs, world.env, events);
    for (let index = 0; index < runs; index++) {
      for (const entry of cases.filter((candidate) => candidate.target)) {
        minimal.push(await session(...baseline));
        ours.get(entry.label).push(await session(process.execPath, serveArgs, entry.env, entry.tool));
      }
    }
    // Last, and fewer: compiling 44 validators in this process leaves garbage that would slow the runs after it.
    const optIn = cases.find((candidate) => !candidate.target);
    for (let index = 0; index < Math.min(runs, 3); index++) ours.get(optIn.label).push(await session(process.execPath, serveArgs, optIn.env, optIn.tool));
  } finally {
    await world.close();
  }
  const last = ours.get(cases[0].label).at(-1);
  const withSchemas = ours.get(cases[2].label).at(-1);
  const minimalFirst = median(minimal.map((run) => run.firstMs));
  const listOk = last.listBytes < LIST_TARGET_BYTES;
  console.log(
    `tools/list, three providers connected: ${last.listBytes.toLocaleString('en-US')} bytes for ${last.tools} tools ` +
      `(output schemas ${last.outputSchemaBytes.toLocaleString('en-US')} bytes on ${last.withOutputSchema} tools); ` +
      `target < ${LIST_TARGET_BYTES.toLocaleString('en-US')} ${listOk ? 'OK' : 'OVER TARGET'}`,
  );
  console.log(
    `  with WEARABLES_MCP_OUTPUT_SCHEMAS=true: ${withSchemas.listBytes.toLocaleString('en-US')} bytes ` +
      `(output schemas ${withSchemas.outputSchemaBytes.toLocaleString('en-US')} bytes on ${withSchemas.withOutputSchema} tools; opt-in, no target)`,
  );
  const ratios = {};
  for (const entry of cases) {
    const runsOf = ours.get(entry.label);
    const first = median(runsOf.map((run) => run.firstMs));
    const ratio = first / minimalFirst;
    ratios[entry.label] = ratio;
    const verdict = entry.target ? `(target <= ${FIRST_CALL_TARGET.toFixed(2)}) ${ratio <= FIRST_CALL_TARGET ? 'OK' : 'OVER TARGET'}` : '(opt-in, no target)';
    console.log(
      `SDK client's first callTool (${entry.label}): ${first.toFixed(1)} ms median (second call ${median(runsOf.map((run) => run.secondMs)).toFixed(1)} ms) ` +
        `vs minimal SDK server ${minimalFirst.toFixed(1)} ms (echo; second ${median(minimal.map((run) => run.secondMs)).toFixed(1)} ms); ` +
        `ratio ${ratio.toFixed(2)} ${verdict}`,
    );
  }
  return { listBytes: last.listBytes, outputSchemaBytes: last.outputSchemaBytes, minimalFirst, ratios };
}

if (import.meta.url === `file://${process.argv[1]}`) await toolListBench();
