/**
 * The soak suite, fast version (the long one: `npm run soak`, a one-minute scheduler for five
 * runs): `serve --http` with its scheduler every 6 s over three providers while two MCP clients
 * keep calling tools. The server must stay up well past the ~10 s after its first scheduled sync
 * at which the old sync lock crashed it, answer every call, leave no lock and keep memory bounded.
 */
import { describe, expect, it } from 'vitest';
import { CALLS, formatSoak, runSoak } from '../../bench/soak.mjs';
import { assertBuilt } from './cli-helpers.js';

describe('soak: serve --http with a fast scheduler and concurrent tool calls', () => {
  it('stays up through the scheduled runs, answers every call, leaves no lock, memory bounded', async () => {
    assertBuilt();
    // Three runs and no Withings reads: more would exceed Withings' 120 requests a minute inside
    // this short test, which the client then waits out (the long soak covers all of it).
    const calls = CALLS.filter((call) => !call.name.startsWith('get_withings'));
    const figures = await runSoak({ runs: 3, intervalMinutes: 0.1, historyDays: 14, callPauseMs: 200, calls });
    console.log(formatSoak(figures));
    expect(figures.runs).toBe(3);
    for (const statuses of figures.statuses) expect(statuses).toEqual({ oura: 'ok', whoop: 'ok', withings: 'ok' });
    expect(figures.callErrors).toEqual([]);
    expect(figures.callsAnswered).toBeGreaterThan(20);
    expect(figures.aliveAtEnd).toBe(true);
    expect(figures.durationSeconds).toBeGreaterThan(10);
    expect(figures.leftoverLocks).toEqual([]);
    expect(figures.warnings.filter((line) => /lock/i.test(line))).toEqual([]);
    expect(figures.exitCode).toBe(0);
    // Bounded: no growth beyond noise between the first and the last run.
    expect(figures.rssMaxMb).toBeLessThan(400);
    expect(figures.rssEndMb - figures.rssAfterFirstRunMb).toBeLessThan(80);
  }, 120_000);
});
