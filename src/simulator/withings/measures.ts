/**
 * Measure groups derived from the synthetic person: a Body Cardio scale most mornings (weight
 * trend, body composition, heart pulse, pulse wave velocity), occasional ambiguous weigh-ins (a
 * guest on the scale) and manual entries, a BPM Core in some evenings (blood pressure, heart
 * pulse), ECG sessions with interval measures and AFib classification, SpO2 / skin temperature /
 * VO2 max from the watch, the height entered at sign-up, and a weight goal (category 2).
 */
import type { DayTruth } from '../person.js';
import type { SyntheticPerson } from '../person.js';
import { clamp, rngFor, round } from '../prng.js';
import { localTimeMs, MINUTE_MS } from '../time.js';
import { DEVICES, deviceHash, intId, seconds, type DeviceKey, type SimDocument } from './common.js';

type Measure = { value: number; type: number; unit: number; algo: number; fm: number };

/** `value × 10^unit` encoding of a real value with `digits` decimals. */
function encode(type: number, real: number, digits: number): Measure {
  return { value: Math.round(real * 10 ** digits), type, unit: -digits, algo: 0, fm: 3 };
}

function group(
  person: SyntheticPerson,
  key: string,
  atMs: number,
  attrib: number,
  category: 1 | 2,
  device: DeviceKey | null,
  measures: Measure[],
): SimDocument {
  const modified = seconds(atMs) + 60;
  return {
    json: {
      grpid: intId(person.seed, 'grp', key),
      attrib,
      date: seconds(atMs),
      created: modified,
      modified,
      category,
      measures,
      // Manual entries have no device: the keys are left out (the spec types them as non-null).
      // Real groups name the model `modelid`, not the spec's `model_id` (recorded getmeas_2.json).
      ...(device
        ? { deviceid: deviceHash(person.seed, device), hash_deviceid: deviceHash(person.seed, device), model: DEVICES[device].model, modelid: DEVICES[device].modelId }
        : {}),
    },
    availableAtMs: atMs + 5 * MINUTE_MS,
    modifiedMs: modified * 1000,
  };
}

/** The person's weight on a day: baseline, a slow seasonal drift, a dip in the sick week. */
export function weightOn(person: SyntheticPerson, day: DayTruth): number {
  const rng = rngFor(person.seed, 'withings-weight', day.day);
  const drift = 1.4 * Math.sin((day.index / 120) * 2 * Math.PI);
  const sick = day.flags.sick ? -1.2 * day.flags.sickIntensity : 0;
  return round(person.profile.weightKg + drift + sick + rng.normal(0, 0.25), 2);
}

function scaleMeasures(person: SyntheticPerson, day: DayTruth, weight: number): Measure[] {
  const rng = rngFor(person.seed, 'withings-composition', day.day);
  const fatRatio = clamp((person.profile.biologicalSex === 'male' ? 19 : 26) + rng.normal(0, 0.6), 8, 45);
  const fatMass = (weight * fatRatio) / 100;
  const fatFree = weight - fatMass;
  return [
    encode(1, weight, 3),
    encode(6, fatRatio, 3),
    encode(8, fatMass, 3),
    encode(5, fatFree, 3),
    encode(76, fatFree * 0.94, 2),
    encode(77, fatFree * 0.72, 2),
    encode(88, fatFree * 0.05, 2),
    encode(11, day.restingHrBpm + 12 + rng.int(-3, 3), 0),
    encode(91, clamp(6.4 + person.profile.age * 0.02 + rng.normal(0, 0.3), 4, 14), 1),
  ];
}

function dayMeasures(person: SyntheticPerson, day: DayTruth): SimDocument[] {
  const rng = rngFor(person.seed, 'withings-measures', day.day);
  const out: SimDocument[] = [];
  const wake = day.sleeps.find((sleep) => sleep.kind === 'main')?.bedtimeEndMs ?? localTimeMs(day.day, 7 * 60, day.offsetMinutes);
  if (!day.flags.traveling && rng.chance(0.8)) {
    const weight = weightOn(person, day);
    out.push(group(person, `${day.day}#scale`, wake + rng.int(5, 40) * MINUTE_MS, 0, 1, 'scale', scaleMeasures(person, day, weight)));
  }
  if (rng.chance(0.03)) {
    // Someone else stepped on the scale: attributed to this user, but ambiguous.
    out.push(group(person, `${day.day}#guest`, localTimeMs(day.day, 20 * 60, day.offsetMinutes), 1, 1, 'scale', [encode(1, weightOn(person, day) + 17.5, 3)]));
  }
  if (day.flags.traveling && rng.chance(0.3)) {
    out.push(group(person, `${day.day}#manual`, localTimeMs(day.day, 8 * 60, day.offsetMinutes), 2, 1, null, [encode(1, weightOn(person, day), 1)]));
  }
  if (!day.flags.traveling && rng.chance(0.35)) {
    const at = localTimeMs(day.day, 21 * 60 + rng.int(0, 50), day.offsetMinutes);
    const systolic = Math.round(clamp(116 + person.profile.age * 0.15 + rng.normal(0, 6) + (day.flags.sick ? 4 : 0), 90, 170));
    const diastolic = Math.round(clamp(systolic * 0.63 + rng.normal(0, 3), 55, 110));
    out.push(group(person, `${day.day}#bp`, at, 0, 1, 'bpm', [encode(10, systolic, 0), encode(9, diastolic, 0), encode(11, day.restingHrBpm + 8, 0)]));
  }
  const worn = day.sleeps.some((sleep) => sleep.kind === 'main' && sleep.worn);
  if (worn) {
    const main = day.sleeps.find((sleep) => sleep.kind === 'main');
    out.push(group(person, `${day.day}#spo2`, wake - 30 * MINUTE_MS, 0, 1, 'watch', [encode(54, main?.spo2Percent ?? 96, 0)]));
    out.push(group(person, `${day.day}#skin`, wake - 60 * MINUTE_MS, 0, 1, 'watch', [encode(73, 33.6 + day.temperatureDeviationC, 2)]));
  }
  if (day.vo2Max !== null) out.push(group(person, `${day.day}#vo2`, wake + 3 * 3_600_000, 0, 1, 'watch', [encode(123, day.vo2Max, 1)]));
  return out;
}

/** ECG sessions: every 12th day, in the evening, on the BPM Core. */
export function isEcgDay(person: SyntheticPerson, day: DayTruth): boolean {
  return !day.flags.traveling && ((day.index % 12) + 12) % 12 === 5;
}

/** Evening instant of an ECG session on `day`. */
export function ecgInstant(person: SyntheticPerson, day: DayTruth): number {
  return localTimeMs(day.day, 20 * 60 + rngFor(person.seed, 'ecg-at', day.day).int(0, 90), day.offsetMinutes);
}

/** The measure group an ECG session also produces (AFib result and intervals in seconds). */
function ecgMeasures(person: SyntheticPerson, day: DayTruth): SimDocument {
  const rng = rngFor(person.seed, 'ecg-intervals', day.day);
  return group(person, `${day.day}#ecg`, ecgInstant(person, day), 0, 1, 'bpm', [
    encode(130, 0, 0),
    encode(135, 0.09 + rng.uniform(0, 0.015), 3),
    encode(136, 0.15 + rng.uniform(0, 0.03), 3),
    encode(137, 0.38 + rng.uniform(0, 0.03), 3),
    encode(138, 0.4 + rng.uniform(0, 0.025), 3),
  ]);
}

/** Every measure group of the person (history and future), oldest first. */
export function buildMeasureGroups(person: SyntheticPerson): SimDocument[] {
  const days = person.days();
  const first = days[0];
  if (!first) return [];
  const signUp = localTimeMs(first.day, 9 * 60, first.offsetMinutes);
  const out: SimDocument[] = [
    group(person, 'height', signUp, 4, 1, null, [encode(4, person.profile.heightM, 2)]),
    group(person, 'goal-weight', signUp + MINUTE_MS, 2, 2, null, [encode(1, round(person.profile.weightKg - 3, 1), 1)]),
  ];
  for (const day of days) {
    out.push(...dayMeasures(person, day));
    if (isEcgDay(person, day)) out.push(ecgMeasures(person, day));
  }
  return out.sort((a, b) => Number(a.json.date) - Number(b.json.date));
}
