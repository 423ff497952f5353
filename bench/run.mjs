// Runs every benchmark and prints its figures (ratios against baselines measured in the same run).
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
// Run on their own (each takes over a minute): node bench/<name>.
const STANDALONE = new Set(['apple-health-import-bench.mjs']);
const benches = readdirSync(here)
  .filter((name) => (name.endsWith('-bench.mjs') || name === 'cold-start.mjs') && !STANDALONE.has(name))
  .sort();
let failed = 0;
for (const name of benches) {
  console.log(`\n== ${name}`);
  const result = spawnSync(process.execPath, ['--expose-gc', `${here}${name}`], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
