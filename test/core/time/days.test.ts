import { describe, expect, it } from 'vitest';
import { addDays, DAY_PATTERN, daysBetween, isDay, utcDayOf, utcDayStartMs, weekdayOf } from '../../../src/core/time/days.js';

describe('isDay', () => {
  it('accepts real calendar days, leap days included', () => {
    for (const day of ['2024-02-29', '2000-02-29', '2026-12-31', '2027-01-01', '2009-01-01']) expect(isDay(day)).toBe(true);
  });

  it('rejects days that do not exist and other shapes', () => {
    for (const day of ['2026-02-30', '2025-02-29', '1900-02-29', '2026-13-01', '2026-04-31', '2026-00-10', '2026-1-01', '2026-01-01T00:00:00Z', ' 2026-01-01', '']) {
      expect(isDay(day)).toBe(false);
    }
  });

  it('DAY_PATTERN checks only the shape', () => {
    expect(DAY_PATTERN.test('2026-02-30')).toBe(true);
    expect(DAY_PATTERN.test('2026-02-3')).toBe(false);
  });
});

describe('calendar arithmetic', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2024-03-01', -366)).toBe('2023-03-01');
    expect(addDays('2026-06-15', 0)).toBe('2026-06-15');
  });

  it('counts whole days, negative when going back', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
  });

  it('gives the same answers whatever the server zone is (DST nights included)', () => {
    const saved = process.env.TZ;
    try {
      for (const zone of ['America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Marquesas']) {
        process.env.TZ = zone;
        expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
        expect(addDays('2026-11-02', -1)).toBe('2026-11-01');
        expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('names the weekday of a day', () => {
    expect(weekdayOf('2026-12-07')).toBe(1);
    expect(weekdayOf('2024-02-29')).toBe(4);
    expect(weekdayOf('2027-01-03')).toBe(0);
  });
});

describe('UTC days and instants', () => {
  it('starts a UTC day at 00:00Z', () => {
    expect(utcDayStartMs('2024-05-01')).toBe(Date.UTC(2024, 4, 1));
    expect(Number.isNaN(utcDayStartMs('not a day'))).toBe(true);
  });

  it('reads the UTC day of an instant, at both edges of the day', () => {
    expect(utcDayOf(Date.UTC(2026, 11, 31, 23, 59, 59, 999))).toBe('2026-12-31');
    expect(utcDayOf(Date.UTC(2027, 0, 1))).toBe('2027-01-01');
    expect(utcDayOf(new Date('2024-02-29T23:30:00-01:00'))).toBe('2024-03-01');
  });
});
