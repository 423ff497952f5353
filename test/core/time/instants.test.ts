import { describe, expect, it } from 'vitest';
import { WearablesError } from '../../../src/core/errors.js';
import { isoInstant, maxString, minString, parseInstant, parseUtcDayOrInstant, tryParseInstant } from '../../../src/core/time/instants.js';

describe('tryParseInstant', () => {
  it('reads date-times with any explicit offset', () => {
    expect(tryParseInstant('2024-05-01T00:00:00Z')).toBe(Date.UTC(2024, 4, 1));
    expect(tryParseInstant('2024-05-01T05:45:00+05:45')).toBe(Date.UTC(2024, 4, 1));
    expect(tryParseInstant('2024-04-30T14:30:00-09:30')).toBe(Date.UTC(2024, 4, 1));
    expect(tryParseInstant('2024-05-01T00:00z')).toBe(Date.UTC(2024, 4, 1));
    expect(tryParseInstant('2024-05-01T00:00:00.123+00:00')).toBe(Date.UTC(2024, 4, 1) + 123);
  });

  it('returns null for days, offsetless date-times and impossible dates', () => {
    for (const value of ['2024-05-01', '2024-05-01T00:00:00', '2024-02-30T00:00:00Z', '2024-05-01T25:00:00Z', 'yesterday', '']) {
      expect(tryParseInstant(value)).toBeNull();
    }
  });
});

describe('parseInstant', () => {
  it('returns epoch ms of a valid instant', () => {
    expect(parseInstant('2026-12-31T23:59:59.999Z', 'until')).toBe(Date.UTC(2026, 11, 31, 23, 59, 59, 999));
  });

  it('throws a VALIDATION_ERROR naming the field, with a hint and a bounded echo', () => {
    const long = `2024-05-01${'x'.repeat(500)}`;
    let caught: unknown;
    try {
      parseInstant(long, 'since');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WearablesError);
    const error = caught as WearablesError;
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.message).toContain('since');
    expect(error.message.length).toBeLessThan(160);
    expect(error.hint).toContain('2024-05-01T00:00:00Z');
  });
});

describe('parseUtcDayOrInstant', () => {
  it('reads a day as its 00:00 UTC and a date-time as itself', () => {
    expect(parseUtcDayOrInstant('2024-02-29', 'start')).toBe(Date.UTC(2024, 1, 29));
    expect(parseUtcDayOrInstant('2024-02-29T10:00:00+05:45', 'start')).toBe(Date.UTC(2024, 1, 29, 4, 15));
  });

  it('throws on values that are neither', () => {
    expect(() => parseUtcDayOrInstant('2024-02-30', 'start')).toThrow(/start "2024-02-30"/);
    expect(() => parseUtcDayOrInstant('soon', 'end')).toThrow(WearablesError);
    expect(() => parseUtcDayOrInstant('2024-02-30T00:00:00Z', 'end')).toThrow(/end/);
  });
});

describe('canonical instants', () => {
  it('writes the one form whose string order is time order', () => {
    const earlier = isoInstant(Date.UTC(2024, 4, 1, 9));
    const later = isoInstant(Date.UTC(2024, 4, 1, 10));
    expect(earlier).toBe('2024-05-01T09:00:00.000Z');
    expect(minString(later, earlier)).toBe(earlier);
    expect(maxString(later, earlier)).toBe(later);
    expect(minString('2024-05-01', '2024-04-30')).toBe('2024-04-30');
  });
});
