// Cold start to first tools/list over stdio: wearables-mcp `serve` with all three providers
// connected (the simulator's OAuth grants in a fresh home) vs a minimal SDK server, measured in
// the same run (median of N spawns each, interleaved). Prints the ratio; target <= 1.3x.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { startWorld } from './suite-support.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 9);
const TARGET = 1.3;

async function timeToToolsList(command, args, env) {
  const started = performance.now();
  const client = new Client({ name: 'bench', version: '0.0.0' });
  const transport = new StdioClientTransport({ command, args, env: { ...process.env, ...env }, stderr: 'ignore' });
  await client.connect(transport);
  const { tools } = await client.listTools();
  const elapsed = performance.now() - started;
  await client.close();
  return { elapsed, tools: tools.length };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function coldStartBench() {
  const world = await startWorld();
  const env = world.env;
  const ours = [];
  const baseline = [];
  let toolCount = 0;
  try {
    // Interleave so machine noise hits both equally; one warm-up each (file cache).
    await timeToToolsList(process.execPath, [join(root, 'bench/minimal-server.mjs')], env);
    await timeToToolsList(process.execPath, [join(root, 'dist/bin/wearables-mcp.js'), 'serve'], env);
    for (let index = 0; index < runs; index++) {
      baseline.push((await timeToToolsList(process.execPath, [join(root, 'bench/minimal-server.mjs')], env)).elapsed);
      const result = await timeToToolsList(process.execPath, [join(root, 'dist/bin/wearables-mcp.js'), 'serve'], env);
      ours.push(result.elapsed);
      toolCount = result.tools;
    }
  } finally {
    await world.close();
  }
  const oursMedian = median(ours);
  const baselineMedian = median(baseline);
  const ratio = oursMedian / baselineMedian;
  console.log(
    `cold start to first tools/list: ${oursMedian.toFixed(0)} ms median (${toolCount} tools) vs minimal SDK server ${baselineMedian.toFixed(0)} ms; ratio ${ratio.toFixed(2)} (target <= ${TARGET.toFixed(2)}) ${ratio <= TARGET ? 'OK' : 'OVER TARGET'}`,
  );
  return { oursMedian, baselineMedian, ratio };
}

if (import.meta.url === `file://${process.argv[1]}`) await coldStartBench();
