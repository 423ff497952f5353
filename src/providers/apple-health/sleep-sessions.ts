/**
 * Sleep analysis samples → nights. HealthKit stores a night as consecutive stage samples
 * (`AsleepCore`, `AsleepDeep`, `AsleepREM`, `Awake`, with `InBed` spans around them; before
 * iOS 16 a plain `Asleep`). Samples of one writer less than two hours apart form one session;
 * each session becomes one sleep period on the local day it ended (the wake day, as the other
 * sources date a night). Sessions of a copying app (Oura, WHOOP, Withings) are kept apart under
 * the `copied_sleep` resource so the night is not counted twice.
 */
import type { NormalizedRecord } from '../../core/types.js';
import type { AppleInstant } from './apple-time.js';
import { appleRecord, round, stableId } from './apple-record.js';
import type { SleepStage } from './health-types.js';
import { copiedProvider, type SourceOrigin } from './source-origin.js';

/** One sleep analysis sample. */
export interface SleepSegment {
  sourceName: string;
  origin: SourceOrigin;
  start: AppleInstant;
  end: AppleInstant;
  stage: SleepStage;
}

/** A gap this long between two samples of one writer starts a new session. */
const SESSION_GAP_MS = 2 * 3_600_000;

const STAGE_FIELDS: Readonly<Record<SleepStage, string>> = {
  in_bed: 'in_bed',
  awake: 'awake',
  core: 'core',
  deep: 'deep',
  rem: 'rem',
  asleep: 'asleep_unspecified',
};

/** Groups segments into sessions per writer (pure; input order does not matter). */
export function groupSessions(segments: readonly SleepSegment[]): SleepSegment[][] {
  const byWriter = new Map<string, SleepSegment[]>();
  for (const segment of segments) {
    const list = byWriter.get(segment.sourceName);
    if (list) list.push(segment);
    else byWriter.set(segment.sourceName, [segment]);
  }
  const sessions: SleepSegment[][] = [];
  for (const list of byWriter.values()) {
    list.sort((left, right) => left.start.ms - right.start.ms || left.end.ms - right.end.ms);
    let current: SleepSegment[] = [];
    let currentEnd = -Infinity;
    for (const segment of list) {
      if (current.length && segment.start.ms - currentEnd > SESSION_GAP_MS) {
        sessions.push(current);
        current = [];
      }
      current.push(segment);
      currentEnd = Math.max(currentEnd, segment.end.ms);
    }
    if (current.length) sessions.push(current);
  }
  return sessions;
}

/** One session as a `sleep_period` record (resource `sleep`, or `copied_sleep` for a copy). */
export function sessionRecord(session: readonly SleepSegment[]): NormalizedRecord {
  const first = session[0] as SleepSegment;
  let last = first;
  const seconds: Record<SleepStage, number> = { in_bed: 0, awake: 0, core: 0, deep: 0, rem: 0, asleep: 0 };
  for (const segment of session) {
    seconds[segment.stage] += Math.max(0, segment.end.ms - segment.start.ms) / 1000;
    if (segment.end.ms > last.end.ms) last = segment;
  }
  const staged = seconds.core + seconds.deep + seconds.rem;
  const asleep = staged + seconds.asleep;
  const span = (last.end.ms - first.start.ms) / 1000;
  const inBed = seconds.in_bed > 0 ? seconds.in_bed : span;
  const copy = copiedProvider(first.origin);
  return appleRecord(copy ? 'copied_sleep' : 'sleep', 'sleep_period', {
    id: stableId('sleep', first.sourceName, first.start.iso),
    day: last.end.day,
    start: first.start.iso,
    end: last.end.iso,
    tzOffset: last.end.offset,
    data: {
      total_sleep_seconds: asleep > 0 ? asleep : null,
      // Core sleep is Apple's name for light sleep (N1/N2); stages are unknown for plain `Asleep`.
      light_sleep_seconds: staged > 0 ? seconds.core : null,
      deep_sleep_seconds: staged > 0 ? seconds.deep : null,
      rem_sleep_seconds: staged > 0 ? seconds.rem : null,
      awake_seconds: asleep > 0 ? seconds.awake : null,
      time_in_bed_seconds: inBed,
      efficiency_pct: asleep > 0 && inBed > 0 ? round(Math.min(100, (asleep / inBed) * 100), 1) : null,
    },
    raw: {
      source_name: first.sourceName,
      origin: first.origin,
      segments: session.length,
      stage_seconds: Object.fromEntries(Object.entries(seconds).map(([stage, value]) => [STAGE_FIELDS[stage as SleepStage], value])),
    },
  });
}
