// Prints vitest's totals as one plain line ("N passed, N failed, N skipped") from its JSON report.
// With `label=path` arguments (one vitest run per Node version), prints a line per run and the sum
// of all runs last; a missing report counts as a failure, so a run that never finished shows.
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const runs = process.argv.slice(2).map((argument) => argument.split('='));
if (runs.length === 0) runs.push(['vitest', 'test-output/vitest-results.json']);

const total = { passed: 0, failed: 0, skipped: 0 };
for (const [label, path] of runs) {
  const file = new URL(path, root);
  if (!existsSync(file)) {
    total.failed += 1;
    console.log(`${label}: no report (${path}): the run did not finish`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const counts = { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
  for (const key of Object.keys(total)) total[key] += counts[key];
  console.log(`${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}
if (runs.length > 1) console.log(`vitest: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
