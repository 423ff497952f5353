/** One sleep period's truth from its timing and physiology targets. */
import { clamp, round, type Rng } from '../prng.js';
import { buildHypnogram, buildMovement } from './hypnogram.js';
import { STAGE_CODES, type SleepPeriodTruth } from './types.js';

export interface NightPlan {
  day: string;
  period: number;
  kind: 'main' | 'nap';
  worn: boolean;
  offsetMinutes: number;
  bedtimeStartMs: number;
  bedtimeEndMs: number;
  latencySeconds: number;
  /** Fraction of time in bed asleep. */
  efficiency: number;
  deepFraction: number;
  remFraction: number;
  /** Target lowest heart rate (bpm) and nightly HRV (ms). */
  restingHrBpm: number;
  hrvMs: number;
  respiratoryRate: number;
  spo2Percent: number | null;
  breathingDisturbanceIndex: number | null;
}

const SLOT_SECONDS = 300;

function round30(seconds: number): number {
  return Math.round(seconds / 30) * 30;
}

/** Builds a sleep period whose stage totals, hypnogram, HR and HRV series agree with each other. */
export function buildSleepPeriod(plan: NightPlan, rng: Rng): SleepPeriodTruth {
  const timeInBed = Math.round((plan.bedtimeEndMs - plan.bedtimeStartMs) / 1000);
  let total = round30(timeInBed * plan.efficiency);
  let awake = timeInBed - total;
  const minAwake = plan.latencySeconds + 60;
  if (awake < minAwake) {
    awake = minAwake;
    total = timeInBed - awake;
  }
  const deep = round30(total * plan.deepFraction);
  const rem = round30(total * plan.remFraction);
  const light = total - deep - rem;

  const slotCount = Math.max(2, Math.ceil(timeInBed / SLOT_SECONDS));
  const awakeSlots = Math.max(1, Math.min(slotCount - 1, Math.round((awake / timeInBed) * slotCount)));
  const deepSlots = Math.round((deep / timeInBed) * slotCount);
  const remSlots = Math.round((rem / timeInBed) * slotCount);
  const hypnogram = buildHypnogram(
    {
      total: slotCount,
      latency: Math.max(1, Math.round(plan.latencySeconds / SLOT_SECONDS)),
      awake: awakeSlots,
      deep: Math.min(deepSlots, Math.max(0, slotCount - awakeSlots)),
      rem: Math.min(remSlots, Math.max(0, slotCount - awakeSlots - deepSlots)),
    },
    rng,
  );

  const heartRate: Array<number | null> = [];
  const hrv: Array<number | null> = [];
  const averageTarget = plan.restingHrBpm + (plan.kind === 'nap' ? 9 : 6);
  for (let i = 0; i < hypnogram.length; i += 1) {
    const stage = hypnogram[i];
    const minutes = i * 5;
    const gap = i > 0 && i < hypnogram.length - 1 && rng.chance(0.02);
    if (gap) {
      heartRate.push(null);
      hrv.push(null);
      continue;
    }
    const stageHr =
      stage === STAGE_CODES.deep ? 0.25 : stage === STAGE_CODES.rem ? 1.25 : stage === STAGE_CODES.awake ? 1.9 : 0.9;
    const early = 6 * Math.exp(-minutes / 70);
    const bpm = plan.restingHrBpm + (averageTarget - plan.restingHrBpm) * stageHr + early + rng.normal(0, 1.1);
    heartRate.push(Math.round(Math.max(plan.restingHrBpm, bpm)));
    const stageHrv =
      stage === STAGE_CODES.deep ? 1.3 : stage === STAGE_CODES.rem ? 0.85 : stage === STAGE_CODES.awake ? 0.6 : 1;
    const ramp = 0.65 + 0.35 * (1 - Math.exp(-minutes / 90));
    hrv.push(Math.max(5, Math.round(plan.hrvMs * stageHrv * ramp * Math.exp(rng.normal(0, 0.15)))));
  }
  // Pin the lowest HR to the planned resting HR in a deep slot (or mid-night), as ecore would find it.
  const deepIndex = hypnogram.indexOf(STAGE_CODES.deep, Math.floor(hypnogram.length / 3));
  const pin = deepIndex >= 0 ? deepIndex : Math.floor(hypnogram.length / 2);
  heartRate[pin] = Math.round(plan.restingHrBpm);
  if (hrv[pin] === null) hrv[pin] = Math.round(plan.hrvMs);

  const hrValues = heartRate.filter((v): v is number => v !== null);
  const hrvValues = hrv.filter((v): v is number => v !== null);
  const { movement, restless } = buildMovement(hypnogram, Math.floor(timeInBed / 30), rng);

  return {
    key: `${plan.day}#${plan.period}`,
    day: plan.day,
    period: plan.period,
    kind: plan.kind,
    worn: plan.worn,
    offsetMinutes: plan.offsetMinutes,
    bedtimeStartMs: plan.bedtimeStartMs,
    bedtimeEndMs: plan.bedtimeEndMs,
    timeInBedSeconds: timeInBed,
    latencySeconds: plan.latencySeconds,
    totalSleepSeconds: total,
    deepSeconds: deep,
    lightSeconds: light,
    remSeconds: rem,
    awakeSeconds: awake,
    efficiencyPercent: clamp(Math.round((total / timeInBed) * 100), 1, 100),
    hypnogram5min: hypnogram,
    movement30s: movement,
    restlessPeriods: restless,
    heartRate5min: heartRate,
    hrv5min: hrv,
    averageHeartRateBpm: round(hrValues.reduce((a, b) => a + b, 0) / hrValues.length, 3),
    lowestHeartRateBpm: Math.min(...hrValues),
    averageHrvMs: Math.round(hrvValues.reduce((a, b) => a + b, 0) / hrvValues.length),
    respiratoryRate: plan.respiratoryRate,
    spo2Percent: plan.spo2Percent,
    breathingDisturbanceIndex: plan.breathingDisturbanceIndex,
  };
}
