import { afterEach, describe, expect, it } from 'vitest';
import { formatOffset, localDayOf, localDayStartMs, localIso, offsetAt, offsetZone, parseOffset, SERVER_ZONE } from '../../../src/core/time/zones.js';

const savedZone = process.env.TZ;

afterEach(() => {
  if (savedZone === undefined) delete process.env.TZ;
  else process.env.TZ = savedZone;
});

describe('offsets', () => {
  it('parses and formats offsets, half and three-quarter hours included', () => {
    expect(parseOffset('+05:45')).toBe(345);
    expect(parseOffset('-09:30')).toBe(-570);
    expect(parseOffset('+00:00')).toBe(0);
    expect(parseOffset('+14:00')).toBe(840);
    expect(formatOffset(345)).toBe('+05:45');
    expect(formatOffset(-570)).toBe('-09:30');
    expect(formatOffset(-30)).toBe('-00:30');
    expect(formatOffset(0)).toBe('+00:00');
  });

  it('rejects what is no offset', () => {
    for (const value of ['Z', '0530', '+5:30', '+05:60', '+19:00', '', null, undefined]) expect(parseOffset(value)).toBeNull();
  });
});

describe('fixed-offset zones', () => {
  const kathmandu = offsetZone(345);
  const marquesas = offsetZone(-570);

  it('puts an instant on the wearer’s day, not the UTC day', () => {
    const instant = Date.UTC(2026, 11, 31, 18, 20);
    expect(localDayOf(instant, kathmandu)).toBe('2027-01-01');
    expect(localDayOf(instant, marquesas)).toBe('2026-12-31');
    expect(localDayOf(Date.UTC(2024, 2, 1, 5), marquesas)).toBe('2024-02-29');
  });

  it('starts a local day at local midnight', () => {
    expect(localDayStartMs('2027-01-01', kathmandu)).toBe(Date.UTC(2026, 11, 31, 18, 15));
    expect(localDayStartMs('2024-02-29', marquesas)).toBe(Date.UTC(2024, 1, 29, 9, 30));
    expect(localDayOf(localDayStartMs('2024-02-29', marquesas), marquesas)).toBe('2024-02-29');
    expect(localDayOf(localDayStartMs('2024-02-29', marquesas) - 1, marquesas)).toBe('2024-02-28');
  });

  it('writes local wall time with the offset', () => {
    expect(localIso(Date.UTC(2026, 11, 31, 18, 20, 5, 900), kathmandu)).toBe('2027-01-01T00:05:05+05:45');
    expect(localIso(new Date(Date.UTC(2024, 2, 1, 5)), marquesas)).toBe('2024-02-29T19:30:00-09:30');
    expect(offsetAt(0, marquesas)).toBe(-570);
  });
});

describe('the server zone', () => {
  it('follows DST: a 23-hour spring day and a 25-hour autumn day (America/New_York)', () => {
    process.env.TZ = 'America/New_York';
    const spring = localDayStartMs('2026-03-08', SERVER_ZONE);
    expect(spring).toBe(Date.UTC(2026, 2, 8, 5));
    expect(localDayStartMs('2026-03-09', SERVER_ZONE) - spring).toBe(23 * 3_600_000);
    const autumn = localDayStartMs('2026-11-01', SERVER_ZONE);
    expect(localDayStartMs('2026-11-02', SERVER_ZONE) - autumn).toBe(25 * 3_600_000);
    expect(localIso(Date.UTC(2026, 2, 8, 7, 30), SERVER_ZONE)).toBe('2026-03-08T03:30:00-04:00');
    expect(localIso(Date.UTC(2026, 2, 8, 6, 30), SERVER_ZONE)).toBe('2026-03-08T01:30:00-05:00');
    expect(localDayOf(Date.UTC(2027, 0, 1, 4, 59), SERVER_ZONE)).toBe('2026-12-31');
    expect(localDayOf(new Date(Date.UTC(2027, 0, 1, 5)), SERVER_ZONE)).toBe('2027-01-01');
  });

  it('starts a day whose midnight is skipped at its first real minute (America/Santiago)', () => {
    process.env.TZ = 'America/Santiago';
    // Chile moved its clocks from 00:00 to 01:00 on 2024-09-08: that day began at 01:00 -03:00.
    const start = localDayStartMs('2024-09-08', SERVER_ZONE);
    expect(start).toBe(Date.UTC(2024, 8, 8, 4));
    expect(localDayOf(start, SERVER_ZONE)).toBe('2024-09-08');
    expect(localDayOf(start - 1, SERVER_ZONE)).toBe('2024-09-07');
  });

  it('handles half-hour and three-quarter-hour zones', () => {
    process.env.TZ = 'Asia/Kathmandu';
    expect(localDayStartMs('2027-01-01', SERVER_ZONE)).toBe(Date.UTC(2026, 11, 31, 18, 15));
    expect(localIso(Date.UTC(2026, 11, 31, 18, 20), SERVER_ZONE)).toBe('2027-01-01T00:05:00+05:45');
    process.env.TZ = 'Pacific/Marquesas';
    expect(localDayOf(Date.UTC(2024, 2, 1, 5), SERVER_ZONE)).toBe('2024-02-29');
    expect(offsetAt(Date.UTC(2024, 2, 1), SERVER_ZONE)).toBe(-570);
  });

  it('agrees with a fixed-offset zone of the same offset', () => {
    process.env.TZ = 'Asia/Kathmandu';
    const fixed = offsetZone(345);
    for (const instant of [Date.UTC(2024, 1, 28, 18, 14), Date.UTC(2024, 1, 28, 18, 15), Date.UTC(2026, 11, 31, 23)]) {
      expect(localDayOf(instant, SERVER_ZONE)).toBe(localDayOf(instant, fixed));
      expect(localIso(instant, SERVER_ZONE)).toBe(localIso(instant, fixed));
    }
  });
});
