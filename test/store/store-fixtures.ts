/** Builders and a controllable clock shared by the store contract suite. */
import type { ProviderId, Sample } from '../../src/core/types.js';
import type { StorableRecord } from '../../src/store/store.js';

/** A clock the test moves by hand. */
export interface TestClock {
  now: () => Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function testClock(startIso = '2024-05-01T08:00:00.000Z'): TestClock {
  let current = Date.parse(startIso);
  return {
    now: () => new Date(current),
    set(iso) {
      current = Date.parse(iso);
    },
    advance(ms) {
      current += ms;
    },
  };
}

/** A daily_sleep-like document for `day`, with a raw payload that differs per day. */
export function sleepRecord(day: string, overrides: Partial<StorableRecord> = {}): StorableRecord {
  const score = 60 + (Number(day.slice(8, 10)) % 30);
  return {
    provider: 'oura',
    resource: 'daily_sleep',
    id: `ds-${day}`,
    day,
    start: `${day}T00:00:00+02:00`,
    end: null,
    tzOffset: '+02:00',
    updatedAt: null,
    data: { score, total_sleep_seconds: 25_000 + score },
    raw: { id: `ds-${day}`, day, score, contributors: { deep_sleep: score - 5, rem_sleep: score - 10 }, timestamp: `${day}T00:00:00+02:00` },
    ...overrides,
  };
}

/** Consecutive days starting at `first` (YYYY-MM-DD). */
export function days(first: string, count: number): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: count }, (_, index) => new Date(start + index * 86_400_000).toISOString().slice(0, 10));
}

/** `count` heart-rate samples every `stepMs` from `startMs`, with values derived from the index. */
export function heartRate(startMs: number, count: number, stepMs = 300_000, provider: ProviderId = 'oura'): Sample[] {
  return Array.from({ length: count }, (_, index) => ({
    provider,
    series: 'heart_rate',
    ts: startMs + index * stepMs,
    value: 50 + (index % 7),
    source: index % 2 === 0 ? 'awake' : 'rest',
  }));
}
