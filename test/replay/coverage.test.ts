/**
 * The replay suites together replay exactly the recorded files: every JSON file under
 * `../shared/specs/recorded/` is listed for one suite (which checks its server served it), none
 * twice, none that does not exist. A new recording fails here until a suite replays it.
 */
import { expect, it } from 'vitest';
import { describeShared } from '../support/shared.js';
import { REPLAYED } from './coverage-plan.js';
import { recordedFiles } from './recorded.js';

describeShared('recorded-file coverage of the replay suites', () => {
  it('every recorded file is replayed exactly once (64 files)', () => {
    const planned = Object.values(REPLAYED).flat();
    const recorded = [...recordedFiles('oura'), ...recordedFiles('whoop'), ...recordedFiles('withings')];
    expect(recorded).toHaveLength(64);
    expect(new Set(planned).size).toBe(planned.length);
    expect([...planned].sort()).toEqual([...recorded].sort());
  });
});
