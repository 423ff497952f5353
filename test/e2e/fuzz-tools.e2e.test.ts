/**
 * Tool fuzzing, fast version (the long one is `npm run fuzz`, bench/fuzz-tools.mjs): 500 seeded
 * tools/call requests generated from every tool's input schema by mutation (wrong types, extreme
 * numbers, odd days, traversal strings, unicode, long strings and lists, unknown and missing
 * arguments, odd argument shapes) to the built CLI's `serve --demo` over stdio, in a temp HOME,
 * data home and working directory. The server must answer every one (a result or a protocol
 * error) within its time limit and size budget, with no stack trace and no path of this machine,
 * never die, and write no file outside `<home>/exports` (export_data's paths are tried with `..`,
 * absolute paths and a symlink, all aimed at a folder inside the temp root).
 */
import { describe, expect, it } from 'vitest';
import { runToolFuzz, type FuzzReport } from '../../bench/fuzz-run.mjs';
import { assertBuilt } from './cli-helpers.js';

const CALLS = 500;

describe('tool fuzzing over stdio (fast)', () => {
  let report: FuzzReport | undefined;
  /** The report of a run that reached its last call (a partial run proves nothing about the rest). */
  const completed = (): FuzzReport => {
    expect(report?.died ?? null, 'the run stopped early').toBeNull();
    expect(report?.figures.calls).toBe(CALLS);
    return report as FuzzReport;
  };

  it(`answers ${CALLS} generated calls without dying or hanging`, async () => {
    assertBuilt();
    // Valid days stay inside the demo's synced window and fresh/full stay off: no provider quota is
    // spent, so no call waits out a simulated rate limit and the run takes seconds (the long run covers those).
    report = await runToolFuzz({ calls: CALLS, seed: 1, daysBack: 80, quotaFlagRate: 0, warm: ['oura', 'whoop'], limitMs: 15_000, slowLimitMs: 30_000 });
    console.log('tool fuzz (fast):', JSON.stringify(report.figures));
    expect(report.died, 'the server stopped answering').toBeNull();
    expect(report.figures.calls).toBe(CALLS);
    // The generator reaches real answers and refusals of several kinds, not only one error.
    expect(report.figures.results).toBeGreaterThan(50);
    expect(report.figures.tool_errors.VALIDATION_ERROR ?? 0).toBeGreaterThan(100);
  }, 180_000);

  it('keeps every answer within its budget and time, with no stack trace or machine path', () => {
    expect(completed().problems).toEqual([]);
  });

  it('writes no file outside <home>/exports (export_data confinement, issue 10 item 2)', () => {
    expect(completed().escapes.map((path) => `export_data wrote <root>/${path}, outside <home>/exports`)).toEqual([]);
  });
});
