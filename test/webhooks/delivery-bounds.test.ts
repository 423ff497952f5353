/**
 * The two bounds behind the receivers: the seen-delivery table (replays refused until the window
 * closes, bounded size, full means refuse rather than forget) and the span one delivery may sync
 * (a few days, inside EARLIEST_DAY .. latestDay).
 */
import { describe, expect, it } from 'vitest';
import { EARLIEST_DAY } from '../../src/core/bounds.js';
import { boundedWindow, MAX_WEBHOOK_SPAN_DAYS } from '../../src/webhooks/bounded-window.js';
import { createSeenDeliveries, deliveryKey } from '../../src/webhooks/seen-deliveries.js';

const NOW = Date.parse('2024-06-15T12:00:00Z');

describe('seen deliveries', () => {
  it('refuses a replay until the entry expires, then forgets it', () => {
    const seen = createSeenDeliveries();
    const key = deliveryKey('oura', NOW, '{"a":1}');
    expect(seen.remember(key, NOW + 300_000, NOW)).toBe('new');
    expect(seen.remember(key, NOW + 300_000, NOW + 299_999)).toBe('replay');
    expect(seen.remember(key, NOW + 600_000, NOW + 300_000)).toBe('new');
    expect(deliveryKey('oura', NOW, '{"a":1}')).not.toBe(deliveryKey('whoop', NOW, '{"a":1}'));
    expect(deliveryKey('oura', NOW, '{"a":1}')).not.toBe(deliveryKey('oura', NOW + 1, '{"a":1}'));
  });

  it('stays bounded: when full of live entries it refuses new ones instead of forgetting one', () => {
    const seen = createSeenDeliveries({ max: 3 });
    for (const body of ['1', '2', '3']) expect(seen.remember(deliveryKey('oura', NOW, body), NOW + 1000, NOW)).toBe('new');
    expect(seen.remember(deliveryKey('oura', NOW, '4'), NOW + 1000, NOW)).toBe('full');
    expect(seen.remember(deliveryKey('oura', NOW, '1'), NOW + 1000, NOW)).toBe('replay');
    expect(seen.remember(deliveryKey('oura', NOW, '4'), NOW + 5000, NOW + 1000)).toBe('new');
    expect(seen.size()).toBe(1);
  });
});

describe('bounded webhook window', () => {
  const now = new Date(NOW);

  it('keeps a short span and clamps a wide one to the last few days, never past tomorrow', () => {
    const night = { start: '2024-06-14T22:00:00.000Z', end: '2024-06-15T06:00:01.000Z' };
    expect(boundedWindow(night, now)).toEqual(night);
    const wide = boundedWindow({ start: '1970-01-01T00:00:01.000Z', end: '2033-05-18T03:33:21.000Z' }, now)!;
    expect(Date.parse(wide.end) - Date.parse(wide.start)).toBe(MAX_WEBHOOK_SPAN_DAYS * 86_400_000);
    // The latest day any input may name is 2024-06-17 (tomorrow at UTC+14); the window ends when it does.
    expect(wide.end).toBe('2024-06-18T00:00:00.000Z');
    expect(boundedWindow({ start: '2024-01-01', end: '2024-06-16' }, now)).toEqual({ start: '2024-06-12', end: '2024-06-16' });
  });

  it('drops spans wholly before EARLIEST_DAY or after the latest day', () => {
    expect(boundedWindow({ start: '0001-01-01', end: '0001-01-03' }, now)).toBeUndefined();
    expect(boundedWindow({ start: '1970-01-01T00:00:01.000Z', end: '1970-01-01T00:00:03.000Z' }, now)).toBeUndefined();
    expect(boundedWindow({ start: '9999-12-30', end: '9999-12-31' }, now)).toBeUndefined();
    expect(boundedWindow({ start: '2008-12-30', end: '2009-01-02' }, now)).toEqual({ start: EARLIEST_DAY, end: '2009-01-02' });
    expect(boundedWindow({ start: 'garbage', end: '2024-06-15' }, now)).toBeUndefined();
  });
});
