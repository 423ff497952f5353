/**
 * The WHOOP daily summary of one local day, a pure join over stored records: the day's cycle
 * (WHOOP cycles run from one sleep onset to the next; the day's is the one the user woke up
 * into), its recovery, the primary sleep (the longest non-nap sleep ending that day), the naps and
 * the workouts that started that day. Days are the user's local days from each record's own
 * offset, so a cycle is on exactly one day, also across time-zone changes.
 */
import type { StoredKindRecord } from '../../../store/kind-rows.js';
import { cycleRow, recoveryRow, sleepRow, workoutRow, type CycleRow, type RecoveryRow, type SleepRow, type WorkoutRow } from './rows.js';

export interface WhoopDayRecords {
  cycles: readonly StoredKindRecord<'activity_day'>[];
  recoveries: readonly StoredKindRecord<'daily_scores'>[];
  sleeps: readonly StoredKindRecord<'sleep_period'>[];
  workouts: readonly StoredKindRecord<'workout'>[];
}

export interface WhoopDailySummary {
  date: string;
  source: 'whoop';
  cycle: CycleRow | null;
  recovery: RecoveryRow | null;
  sleep: SleepRow | null;
  naps: SleepRow[];
  workouts: WorkoutRow[];
}

type Placed = { day: string | null; start: string | null; end: string | null };
const onDay = (day: string) => (record: Placed) => record.day === day;
const byStart = (a: Placed, b: Placed) => (a.start ?? '').localeCompare(b.start ?? '');

function duration(record: Placed): number {
  return record.start && record.end ? Date.parse(record.end) - Date.parse(record.start) : 0;
}

/** Joins the records of local day `date` into one summary (records of other days are ignored). */
export function buildWhoopDailySummary(date: string, records: WhoopDayRecords): WhoopDailySummary {
  const cycle = records.cycles.filter(onDay(date)).sort(byStart)[0] ?? null;
  const recovery =
    (cycle ? records.recoveries.find((candidate) => candidate.id === cycle.id) : undefined) ??
    records.recoveries.find(onDay(date)) ??
    null;
  const daySleeps = records.sleeps.filter(onDay(date));
  const primary = daySleeps.filter((sleep) => sleep.data.nap !== true).sort((a, b) => duration(b) - duration(a))[0] ?? null;
  const naps = daySleeps.filter((sleep) => sleep.data.nap === true).sort(byStart);
  return {
    date,
    source: 'whoop',
    cycle: cycle ? cycleRow(cycle) : null,
    recovery: recovery ? recoveryRow(recovery) : null,
    sleep: primary ? sleepRow(primary) : null,
    naps: naps.map(sleepRow),
    workouts: records.workouts.filter(onDay(date)).sort(byStart).map(workoutRow),
  };
}
