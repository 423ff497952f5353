/**
 * The concurrency suite, fast version (`npm run concurrency` runs more rounds): two `sync`
 * processes and an HTTP server answering reads, all at once, with every access token expired.
 * The sync lock and the tokens file lock together must mean one refresh per provider, no grant
 * lost (a rotating refresh token used twice would be), no SQLITE_BUSY, every run and read ok.
 */
import { describe, expect, it } from 'vitest';
import { formatConcurrency, runConcurrency } from '../../bench/concurrency.mjs';
import { assertBuilt } from './cli-helpers.js';

describe('concurrency: two syncs and a reading server with expired tokens', () => {
  it('refreshes once per provider, keeps every grant, never hits SQLITE_BUSY', async () => {
    assertBuilt();
    const figures = await runConcurrency({ rounds: 2 });
    console.log(formatConcurrency(figures));
    for (const round of figures.rounds) {
      expect(round.refreshes).toEqual({ oura: 1, whoop: 1, withings: 1 });
      expect(round.refreshFailures).toEqual({ oura: 0, whoop: 0, withings: 0 });
      expect(round.syncExitCodes).toEqual([0, 0]);
      for (const statuses of round.syncStatuses) expect(statuses).toEqual({ oura: 'ok', whoop: 'ok', withings: 'ok' });
      expect(round.readErrors).toEqual([]);
    }
    expect(figures.grantsKept).toBe(true);
    expect(figures.finalSyncOk).toBe(true);
    expect(figures.busy).toBe(0);
    expect(figures.serverAlive).toBe(true);
    expect(figures.exitCode).toBe(0);
  }, 120_000);
});
