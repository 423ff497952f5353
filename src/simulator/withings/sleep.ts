/**
 * Sleep from the Sleep Analyzer under the mattress (Aura Sensor V2): a summary per main night at
 * home (none while traveling — the mat stays in the bedroom) and the night's stage segments with
 * heart rate, respiration rate and snoring per 5 minutes.
 */
import type { DayTruth, SleepPeriodTruth, SyntheticPerson } from '../person.js';
import { clamp, rngFor, round } from '../prng.js';
import { MINUTE_MS } from '../time.js';
import { DEVICES, deviceHash, intId, seconds, zoneForOffset, type SimDocument } from './common.js';

const STATE: Record<string, number> = { W: 0, L: 1, D: 2, R: 3 };
const SLOT_S = 300;

/** The main night the mat recorded on `day`, if any. */
export function recordedNight(day: DayTruth): SleepPeriodTruth | undefined {
  if (day.flags.traveling) return undefined;
  return day.sleeps.find((sleep) => sleep.kind === 'main');
}

function runs(hypnogram: string): Array<{ code: string; from: number; to: number }> {
  const out: Array<{ code: string; from: number; to: number }> = [];
  for (let i = 0; i < hypnogram.length; i++) {
    const code = hypnogram[i] as string;
    const last = out[out.length - 1];
    if (last && last.code === code) last.to = i + 1;
    else out.push({ code, from: i, to: i + 1 });
  }
  return out;
}

/** Snoring seconds per 5-minute slot (more after alcohol, only while asleep). */
function snoringPerSlot(person: SyntheticPerson, day: DayTruth, night: SleepPeriodTruth): number[] {
  const rng = rngFor(person.seed, 'withings-snoring', day.day);
  const propensity = day.flags.alcoholPreviousEvening ? 0.35 : 0.12;
  return [...night.hypnogram5min].map((code) => (code !== 'W' && rng.chance(propensity) ? rng.int(20, 240) : 0));
}

/** The `getsummary` document of a night. */
export function sleepSummary(person: SyntheticPerson, day: DayTruth, night: SleepPeriodTruth): SimDocument {
  const rng = rngFor(person.seed, 'withings-sleep', day.day);
  const slots = runs(night.hypnogram5min);
  const wakeups = slots.filter((run, i) => run.code === 'W' && i > 0 && i < slots.length - 1).length;
  const hr = night.heartRate5min.filter((value): value is number => value !== null);
  const snoring = snoringPerSlot(person, day, night);
  const snoringSeconds = snoring.reduce((sum, value) => sum + value, 0);
  const modified = seconds(night.bedtimeEndMs) + 20 * 60;
  const durationScore = clamp((night.totalSleepSeconds / person.profile.sleepNeedSeconds) * 70, 0, 70);
  return {
    json: {
      id: intId(person.seed, 'sleep', night.key),
      timezone: zoneForOffset(night.offsetMinutes),
      model: 32,
      model_id: DEVICES.sleep.modelId,
      startdate: seconds(night.bedtimeStartMs),
      enddate: seconds(night.bedtimeEndMs),
      date: night.day,
      created: modified,
      modified,
      hash_deviceid: deviceHash(person.seed, 'sleep'),
      completed: true,
      data: {
        total_timeinbed: night.timeInBedSeconds,
        total_sleep_time: night.totalSleepSeconds,
        lightsleepduration: night.lightSeconds,
        deepsleepduration: night.deepSeconds,
        remsleepduration: night.remSeconds,
        wakeupduration: night.awakeSeconds,
        sleep_efficiency: round(night.efficiencyPercent / 100, 2),
        sleep_latency: night.latencySeconds,
        wakeup_latency: rng.int(2, 12) * 60,
        wakeupcount: wakeups,
        waso: Math.max(0, night.awakeSeconds - night.latencySeconds),
        nb_rem_episodes: slots.filter((run) => run.code === 'R').length,
        out_of_bed_count: rng.int(0, 2),
        hr_average: Math.round(night.averageHeartRateBpm),
        hr_min: Math.round(night.lowestHeartRateBpm),
        hr_max: hr.length > 0 ? Math.round(Math.max(...hr)) : Math.round(night.averageHeartRateBpm + 15),
        rr_average: Math.round(night.respiratoryRate),
        rr_min: Math.round(night.respiratoryRate - 2),
        rr_max: Math.round(night.respiratoryRate + 3),
        breathing_disturbances_intensity: Math.round(night.breathingDisturbanceIndex ?? 5),
        snoring: snoringSeconds,
        snoringepisodecount: snoring.filter((value) => value >= 60).length,
        sleep_score: Math.round(clamp(durationScore + night.efficiencyPercent * 0.3 - wakeups, 10, 100)),
        apnea_hypopnea_index: Math.round(clamp((night.breathingDisturbanceIndex ?? 4) * 0.8, 0, 40)),
        withings_index: Math.round(clamp((night.breathingDisturbanceIndex ?? 4) * 0.9, 0, 40)),
        mvt_score_avg: rng.int(10, 40),
        mvt_active_duration: night.restlessPeriods * 60,
        rmssd_start_avg: round(night.averageHrvMs * 0.9, 1),
        rmssd_end_avg: round(night.averageHrvMs * 1.1, 1),
      },
    },
    availableAtMs: night.bedtimeEndMs + 20 * MINUTE_MS,
    modifiedMs: modified * 1000,
  };
}

/** The `v2/sleep get` segments of a night, every 5-minute series included (filtered by data_fields later). */
export function sleepSegments(person: SyntheticPerson, day: DayTruth, night: SleepPeriodTruth): Array<Record<string, unknown>> {
  const snoring = snoringPerSlot(person, day, night);
  const rng = rngFor(person.seed, 'withings-rr', day.day);
  const start = seconds(night.bedtimeStartMs);
  return runs(night.hypnogram5min).map((run) => {
    const hr: Record<string, number> = {};
    const rr: Record<string, number> = {};
    const snore: Record<string, number> = {};
    for (let slot = run.from; slot < run.to; slot++) {
      const at = String(start + slot * SLOT_S);
      const bpm = night.heartRate5min[slot];
      if (typeof bpm === 'number') hr[at] = Math.round(bpm);
      rr[at] = Math.round(night.respiratoryRate + rng.normal(0, 0.8));
      snore[at] = snoring[slot] ?? 0;
    }
    return {
      startdate: start + run.from * SLOT_S,
      enddate: start + run.to * SLOT_S,
      state: STATE[run.code] ?? 0,
      model: DEVICES.sleep.model,
      model_id: DEVICES.sleep.modelId,
      hr,
      rr,
      snoring: snore,
    };
  });
}
