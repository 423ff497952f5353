import { describe, expect, it } from 'vitest';
import { checkSpan } from '../../../src/analysis/periods.js';
import { parseDay } from '../../../src/cli/options.js';
import { assertDayInBounds } from '../../../src/mcp/tools/shared/day-range.js';
import { canonicalWindow } from '../../../src/store/windows.js';

// Date.parse rolls 2026-02-30 into March; these entry points used to accept such days.
const now = new Date('2026-12-07T12:00:00Z');

describe('entry points reject days that do not exist', () => {
  it('store windows', () => {
    expect(() => canonicalWindow({ start: '2026-02-30', end: '2026-03-05' })).toThrow(/neither a day nor an ISO-8601 instant/);
    expect(() => canonicalWindow({ start: '2026-02-30T00:00:00Z', end: '2026-03-05T00:00:00Z' })).toThrow(/neither a day nor an ISO-8601 instant/);
    expect(canonicalWindow({ start: '2024-02-29T05:45:00+05:45', end: '2024-03-01' + 'T00:00:00Z' })).toEqual({ start: '2024-02-29T00:00:00.000Z', end: '2024-03-01T00:00:00.000Z', format: 'instant' });
  });

  it('CLI day arguments', () => {
    expect(() => parseDay('2026-02-30', '--end')).toThrow('--end 2026-02-30 is not a real day (February 2026 has 28 days).');
    expect(() => parseDay('2026-2-3', '--end')).toThrow(/--end must be a date/);
    expect(parseDay('2024-02-29', '--end')).toBe('2024-02-29');
  });

  it('analysis spans', () => {
    expect(() => checkSpan('2026-02-01', '2026-02-30')).toThrow(/cannot be analysed/);
    expect(checkSpan('2024-02-01', '2024-02-29')).toBe(29);
  });

  it('tool day bounds', () => {
    expect(() => assertDayInBounds('2026-02-30', 'end_date', now)).toThrow(/end_date 2026-02-30 is outside/);
    expect(() => assertDayInBounds('2026-02-28', 'end_date', now)).not.toThrow();
  });
});
