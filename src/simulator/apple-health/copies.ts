/**
 * What the other providers' apps copy into HealthKit: the Oura app writes each night it scored
 * (stages and the night's heart rate), Withings' Health Mate writes every weigh-in and blood
 * pressure reading. These are the same nights and measurements the Oura and Withings simulators
 * serve, which is what lets a test prove they are not counted twice.
 */
import type { DayTruth, SyntheticPerson } from '../person.js';
import { sleepHeartRate } from '../person/heart-rate.js';
import { STAGE_CODES } from '../person/types.js';
import { MINUTE_MS } from '../time.js';
import { buildMeasureGroups } from '../withings/measures.js';
import { HEALTH_MATE, OURA_APP, type RecordRenderer } from './writers.js';

const OURA_STAGE: Readonly<Record<string, string>> = { [STAGE_CODES.light]: 'AsleepCore', [STAGE_CODES.deep]: 'AsleepDeep', [STAGE_CODES.rem]: 'AsleepREM', [STAGE_CODES.awake]: 'Awake' };

/** The Oura app's copy of the nights ending on `day` that the ring recorded. */
export function ouraCopies(render: RecordRenderer, day: DayTruth): string[] {
  const out: string[] = [];
  for (const sleep of day.sleeps) {
    if (!sleep.worn || sleep.kind !== 'main') continue;
    out.push(render.sleep(OURA_APP, sleep.bedtimeStartMs, sleep.bedtimeEndMs, sleep.offsetMinutes, 'InBed'));
    sleep.hypnogram5min.split('').forEach((code, index) => {
      const from = sleep.bedtimeStartMs + index * 5 * MINUTE_MS;
      out.push(render.sleep(OURA_APP, from, Math.min(sleep.bedtimeEndMs, from + 5 * MINUTE_MS), sleep.offsetMinutes, OURA_STAGE[code] ?? 'Awake'));
    });
    for (const sample of sleepHeartRate(sleep)) out.push(render.quantity('HeartRate', OURA_APP, sample.ms, sample.ms, sleep.offsetMinutes, sample.bpm, 'count/min'));
  }
  return out;
}

interface WithingsGroup {
  date: number;
  attrib: number;
  category: number;
  measures: Array<{ value: number; type: number; unit: number }>;
}

/** Health Mate's copies of the user's own Withings measurements (weight, fat ratio, blood pressure) in `[fromMs, toMs)`. */
export function healthMateCopies(render: RecordRenderer, person: SyntheticPerson, fromMs: number, toMs: number): Array<{ ms: number; text: string }> {
  const out: Array<{ ms: number; text: string }> = [];
  for (const document of buildMeasureGroups(person)) {
    const group = document.json as unknown as WithingsGroup;
    const ms = group.date * 1000;
    if (ms < fromMs || ms >= toMs || group.category !== 1 || group.attrib !== 0) continue;
    const offset = person.offsetAt(ms);
    const value = (type: number) => {
      const measure = group.measures.find((entry) => entry.type === type);
      return measure ? measure.value * 10 ** measure.unit : null;
    };
    const weight = value(1);
    const fat = value(6);
    const systolic = value(10);
    const diastolic = value(9);
    if (weight !== null) out.push({ ms, text: render.quantity('BodyMass', HEALTH_MATE, ms, ms, offset, weight, 'kg') });
    if (fat !== null) out.push({ ms, text: render.quantity('BodyFatPercentage', HEALTH_MATE, ms, ms, offset, Number((fat / 100).toFixed(5)), '%') });
    if (systolic !== null && diastolic !== null) out.push({ ms, text: render.bloodPressure(HEALTH_MATE, ms, offset, systolic, diastolic) });
  }
  return out;
}
