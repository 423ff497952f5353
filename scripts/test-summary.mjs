// Prints vitest's totals as one plain line ("N passed, N failed, N skipped") from its JSON report.
import { readFileSync } from 'node:fs';
const report = JSON.parse(readFileSync(new URL('../test-output/vitest-results.json', import.meta.url), 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
