/**
 * Reading an account's history start from what the providers answer: Oura's ring set-up times
 * and Withings' device sessions, on the values of the recorded responses
 * (shared/specs/recorded/oura/ring_configuration_page_1.json, withings/user_getdevice_2.json).
 */
import { describe, expect, it } from 'vitest';
import { historyStartFromRings } from '../../src/providers/oura/history-start.js';
import { historyStartFromDevices } from '../../src/providers/withings/history-start.js';

describe('Oura: historyStartFromRings', () => {
  it('is the day before the first ring was set up when every ring has a set-up time (recorded: 2023-10-06, 2025-09-22)', () => {
    expect(historyStartFromRings(['2023-10-06T00:00:00.000Z', '2025-09-22T00:00:00.000Z'])).toBe('2023-10-05');
  });

  it('cannot tell when a ring has no set-up time, or the epoch Oura reports for an unknown one', () => {
    expect(historyStartFromRings(['1970-01-01T00:00:00+00:00', '2025-01-01T19:42:11+00:00'])).toBeNull();
    expect(historyStartFromRings([null, '2025-01-01T19:42:11+00:00'])).toBeNull();
    expect(historyStartFromRings([])).toBeNull();
  });
});

describe('Withings: historyStartFromDevices', () => {
  it('is the day before the earliest first session; a device without one is bounded by its last session', () => {
    const devices = [
      { model: 'Body+', first_session_date: null, last_session_date: 1693867179 },
      { model: 'Body+', first_session_date: 1693867179, last_session_date: null },
      { model: 'Aura Sensor V2', first_session_date: 1693867179, last_session_date: null },
    ];
    expect(historyStartFromDevices(devices)).toBe('2023-09-03');
    expect(historyStartFromDevices([{ first_session_date: 1594159644 }, ...devices])).toBe('2020-07-06');
  });

  it('cannot tell when no device carries a usable date', () => {
    expect(historyStartFromDevices([{ first_session_date: null, last_session_date: null }, { first_session_date: 0 }])).toBeNull();
    expect(historyStartFromDevices([])).toBeNull();
  });
});
