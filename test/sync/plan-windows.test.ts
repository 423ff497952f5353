import { describe, expect, it } from 'vitest';
import {
  advanceCursor,
  chunkWindow,
  coverableWindow,
  openBound,
  openPart,
  planRange,
  reconcileWindow,
  runBounds,
} from '../../src/sync/plan-windows.js';

const bounds = runBounds(new Date('2024-06-15T10:30:00.000Z'));
const base = { overlapDays: 7, historyDays: 90, full: false } as const;

describe('runBounds', () => {
  it('ends day windows after the last day any time zone is living and keeps open days out of coverage', () => {
    expect(bounds).toMatchObject({ today: '2024-06-15', endDay: '2024-06-17', openDay: '2024-06-14' });
    expect(bounds.nowInstant).toBe('2024-06-15T10:30:00.000Z');
    expect(bounds.openInstant).toBe('2024-06-14T00:00:00.000Z');
  });
});

describe('planRange', () => {
  it('first run fetches historyDays back to the end of today everywhere', () => {
    expect(planRange({ ...base, windowing: 'day', cursor: null, bounds })).toEqual({ start: '2024-03-17', end: '2024-06-17' });
  });

  it('incremental run re-fetches overlapDays before the cursor', () => {
    expect(planRange({ ...base, windowing: 'day', cursor: '2024-06-10', bounds })).toEqual({ start: '2024-06-03', end: '2024-06-17' });
  });

  it('a cursor at the end of the last run counts the overlap back from today, not from the future end', () => {
    expect(planRange({ ...base, windowing: 'day', cursor: '2024-06-17', bounds })).toEqual({ start: '2024-06-08', end: '2024-06-17' });
  });

  it('since overrides the cursor, full ignores it', () => {
    expect(planRange({ ...base, windowing: 'day', cursor: '2024-06-10', since: '2024-01-01', bounds })?.start).toBe('2024-01-01');
    expect(planRange({ ...base, full: true, windowing: 'day', cursor: '2024-06-10', bounds })?.start).toBe('2024-03-17');
  });

  it('datetime series end now and overlap in days from the cursor instant', () => {
    expect(planRange({ ...base, overlapDays: 1, windowing: 'datetime', cursor: '2024-06-15T08:00:00.000Z', bounds })).toEqual({
      start: '2024-06-14T08:00:00.000Z',
      end: '2024-06-15T10:30:00.000Z',
    });
    expect(planRange({ ...base, windowing: 'datetime', cursor: null, bounds })?.start).toBe('2024-03-17T00:00:00.000Z');
  });
});

describe('chunkWindow', () => {
  it('cuts day windows into contiguous chunks of maxWindowDays, oldest first', () => {
    expect(chunkWindow({ start: '2024-01-01', end: '2024-01-08' }, 'day', 3)).toEqual([
      { start: '2024-01-01', end: '2024-01-04' },
      { start: '2024-01-04', end: '2024-01-07' },
      { start: '2024-01-07', end: '2024-01-08' },
    ]);
  });

  it('cuts datetime windows and never leaves a gap at month ends', () => {
    const chunks = chunkWindow({ start: '2024-01-20T12:00:00.000Z', end: '2024-03-01T00:00:00.000Z' }, 'datetime', 30);
    expect(chunks).toEqual([
      { start: '2024-01-20T12:00:00.000Z', end: '2024-02-19T12:00:00.000Z' },
      { start: '2024-02-19T12:00:00.000Z', end: '2024-03-01T00:00:00.000Z' },
    ]);
  });

  it('returns nothing for an empty window', () => {
    expect(chunkWindow({ start: '2024-01-01', end: '2024-01-01' }, 'day', 30)).toEqual([]);
  });
});

describe('coverableWindow', () => {
  it('marks only closed days covered', () => {
    expect(coverableWindow({ start: '2024-06-01', end: '2024-06-17' }, 'day', bounds)).toEqual({ start: '2024-06-01', end: '2024-06-14' });
    expect(coverableWindow({ start: '2024-06-14', end: '2024-06-17' }, 'day', bounds)).toBeNull();
    expect(coverableWindow({ start: '2024-05-01', end: '2024-05-31' }, 'day', bounds)).toEqual({ start: '2024-05-01', end: '2024-05-31' });
  });
});

describe('reconcileWindow', () => {
  it('reconciles the whole chunk for day windows', () => {
    expect(reconcileWindow({ start: '2024-06-01', end: '2024-06-08' }, 'day')).toEqual({ start: '2024-06-01', end: '2024-06-08' });
  });

  it('reconciles only days a datetime chunk fully proves', () => {
    expect(reconcileWindow({ start: '2024-06-01T00:00:00.000Z', end: '2024-06-10T00:00:00.000Z' }, 'datetime')).toEqual({
      start: '2024-06-02',
      end: '2024-06-09',
    });
    expect(reconcileWindow({ start: '2024-06-01T06:00:00.000Z', end: '2024-06-03T00:00:00.000Z' }, 'datetime')).toBeNull();
  });
});

describe('advanceCursor', () => {
  it('moves forward over contiguous chunks only', () => {
    expect(advanceCursor('2024-06-10', { start: '2024-06-03', end: '2024-06-17' }, true)).toBe('2024-06-17');
    expect(advanceCursor('2024-06-10', { start: '2024-06-11', end: '2024-06-17' }, true)).toBeNull();
    expect(advanceCursor('2024-06-10', { start: '2024-05-01', end: '2024-06-01' }, true)).toBeNull();
  });

  it('gives a first cursor only to regular runs', () => {
    expect(advanceCursor(null, { start: '2024-06-03', end: '2024-06-17' }, true)).toBe('2024-06-17');
    expect(advanceCursor(null, { start: '2024-06-03', end: '2024-06-17' }, false)).toBeNull();
  });
});

describe('openBound / openPart', () => {
  it('keeps the open days open, and a resource declaring late data open for longer', () => {
    expect(openBound('day', bounds)).toBe('2024-06-14');
    expect(openBound('day', bounds, 30)).toBe('2024-06-12');
    expect(openBound('datetime', bounds, 6)).toBe('2024-06-13T18:00:00.000Z');
    expect(openPart({ start: '2024-05-16', end: '2024-06-16' }, 'day', bounds)).toEqual({ start: '2024-06-14', end: '2024-06-16' });
    expect(openPart({ start: '2024-06-15', end: '2024-06-16' }, 'day', bounds)).toEqual({ start: '2024-06-15', end: '2024-06-16' });
    expect(openPart({ start: '2024-05-01', end: '2024-05-31' }, 'day', bounds)).toBeNull();
    // A late-data resource's closed days are marked covered only once they are past its longer open part.
    expect(coverableWindow({ start: '2024-06-01', end: '2024-06-17' }, 'day', bounds, 30)).toEqual({ start: '2024-06-01', end: '2024-06-12' });
    expect(coverableWindow({ start: '2024-06-13T00:00:00.000Z', end: '2024-06-15T10:30:00.000Z' }, 'datetime', bounds, 6)).toEqual({
      start: '2024-06-13T00:00:00.000Z',
      end: '2024-06-13T18:00:00.000Z',
    });
  });
});
