/** Validating and cutting `[start, end)` windows into requests no wider than the API accepts. */
import { WearablesError } from '../core/errors.js';
import type { TimeWindow } from '../core/types.js';
import { isDay } from '../core/time/days.js';

const DAY_MS = 86_400_000;

/** Splits `window` into consecutive half-open chunks of at most `maxDays`; empty when start = end. */
export function splitWindow(window: TimeWindow, windowing: 'day' | 'datetime', maxDays: number): TimeWindow[] {
  const [startMs, endMs] = windowing === 'day' ? dayBounds(window) : instantBounds(window);
  if (endMs < startMs) {
    throw new WearablesError('VALIDATION_ERROR', `Window start ${window.start} is after its end ${window.end}.`, {
      hint: 'Pass a start before the end.',
    });
  }
  const chunks: TimeWindow[] = [];
  const step = Math.max(1, maxDays) * DAY_MS;
  for (let chunkStart = startMs; chunkStart < endMs; chunkStart += step) {
    const chunkEnd = Math.min(chunkStart + step, endMs);
    chunks.push({
      start: chunkStart === startMs ? window.start : format(chunkStart, windowing),
      end: chunkEnd === endMs ? window.end : format(chunkEnd, windowing),
    });
  }
  return chunks;
}

function dayBounds(window: TimeWindow): [number, number] {
  for (const value of [window.start, window.end]) {
    if (!isDay(value)) {
      throw new WearablesError('VALIDATION_ERROR', `"${value}" is not a day (YYYY-MM-DD).`, { hint: 'Use days like 2024-11-11.' });
    }
  }
  return [Date.parse(`${window.start}T00:00:00Z`), Date.parse(`${window.end}T00:00:00Z`)];
}

function instantBounds(window: TimeWindow): [number, number] {
  const bounds = [window.start, window.end].map((value) => {
    const ms = Date.parse(value);
    if (Number.isNaN(ms) || !/T/.test(value)) {
      throw new WearablesError('VALIDATION_ERROR', `"${value}" is not an ISO-8601 date-time.`, {
        hint: 'Use instants like 2024-11-11T00:00:00Z.',
      });
    }
    return ms;
  });
  return [bounds[0] as number, bounds[1] as number];
}

function format(ms: number, windowing: 'day' | 'datetime'): string {
  const iso = new Date(ms).toISOString();
  return windowing === 'day' ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}
