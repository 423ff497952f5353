/** Window validation and chunking for Oura requests. */
import { describe, expect, it } from 'vitest';
import { splitWindow } from '../../../src/providers/windows.js';
import { listUrl } from '../../../src/providers/oura/client.js';
import { ouraResource } from '../../../src/providers/oura/resources.js';

describe('splitWindow', () => {
  it('cuts a 70-day heart rate window into 30 + 30 + 10 days, contiguous, original edges kept', () => {
    const chunks = splitWindow({ start: '2024-01-01T00:00:00+01:00', end: '2024-03-10T23:00:00Z' }, 'datetime', 30);
    expect(chunks).toEqual([
      { start: '2024-01-01T00:00:00+01:00', end: '2024-01-30T23:00:00Z' },
      { start: '2024-01-30T23:00:00Z', end: '2024-02-29T23:00:00Z' },
      { start: '2024-02-29T23:00:00Z', end: '2024-03-10T23:00:00Z' },
    ]);
  });

  it('cuts day windows on day boundaries and returns nothing for an empty window', () => {
    expect(splitWindow({ start: '2024-01-01', end: '2024-04-15' }, 'day', 90)).toEqual([
      { start: '2024-01-01', end: '2024-03-31' },
      { start: '2024-03-31', end: '2024-04-15' },
    ]);
    expect(splitWindow({ start: '2024-01-01', end: '2024-01-01' }, 'day', 90)).toEqual([]);
  });

  it('rejects malformed and reversed windows with VALIDATION_ERROR', () => {
    expect(() => splitWindow({ start: '2024-1-1', end: '2024-02-01' }, 'day', 90)).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
    expect(() => splitWindow({ start: '2024-02-01', end: '2024-01-01' }, 'day', 90)).toThrow(/after its end/);
    expect(() => splitWindow({ start: '2024-02-01', end: '2024-03-01' }, 'datetime', 30)).toThrow(/date-time/);
  });
});

describe('listUrl', () => {
  it('uses the spec parameter names per windowing and escapes the offset sign', () => {
    const heartrate = ouraResource('heartrate')!;
    const url = listUrl('http://127.0.0.1:1/', heartrate, { start: '2024-01-01T00:00:00+01:00', end: '2024-01-02T00:00:00+01:00' }, 'tok');
    expect(url.pathname).toBe('/v2/usercollection/heartrate');
    expect(url.search).toBe('?start_datetime=2024-01-01T00%3A00%3A00%2B01%3A00&end_datetime=2024-01-02T00%3A00%3A00%2B01%3A00&next_token=tok');
    const ring = listUrl('http://127.0.0.1:1', ouraResource('ring_configuration')!, null, null);
    expect(ring.search).toBe('');
  });
});
