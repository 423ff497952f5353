/**
 * The `sleep_period` kind: one sleep (night, nap, rest period) with its stages. Durations in
 * seconds, heart rate in bpm, HRV (RMSSD) in ms, breathing in breaths per minute, ratios in %.
 */
import type { RecordDataBase } from './record-data-base.js';

/** What every sleep source reports: the four stages and the time asleep (null when unscored). */
export type SleepPeriodCore = RecordDataBase & {
  total_sleep_seconds: number | null;
  light_sleep_seconds: number | null;
  deep_sleep_seconds: number | null;
  rem_sleep_seconds: number | null;
  awake_seconds: number | null;
};

/** Fields several sources fill under one meaning. */
export type SleepPeriodShared = {
  time_in_bed_seconds?: number | null;
  efficiency_pct?: number | null;
  latency_seconds?: number | null;
  average_heart_rate_bpm?: number | null;
  lowest_heart_rate_bpm?: number | null;
  max_heart_rate_bpm?: number | null;
  /** RMSSD in ms, averaged over the night. */
  average_hrv_ms?: number | null;
  /** Breaths per minute. */
  respiratory_rate?: number | null;
  /** The source's own sleep score (0–100). */
  sleep_score?: number | null;
  device_model_id?: number | null;
};

/** A ring's sleep period: type, readiness contribution, temperature, breathing. */
export type SleepPeriodRingExtras = {
  /** `long_sleep`, `sleep`, `late_nap`, `rest`, `deleted` ... */
  sleep_type?: string | null;
  period?: number | null;
  /** Breaths per minute (the ring's name for the respiratory rate). */
  average_breath_per_min?: number | null;
  restless_periods?: number | null;
  readiness_score?: number | null;
  readiness_score_delta?: number | null;
  sleep_score_delta?: number | null;
  temperature_deviation_c?: number | null;
  temperature_trend_deviation_c?: number | null;
  low_battery_alert?: boolean | null;
  sleep_algorithm_version?: string | null;
};

/** A strap's sleep: score state, performance against need, nap flag, cycles and disturbances. */
export type SleepPeriodStrapExtras = {
  cycle_id?: number | null;
  v1_id?: number | null;
  nap?: boolean;
  /** `SCORED`, `PENDING_SCORE`, `UNSCORABLE`: every derived field is null unless `SCORED`. */
  score_state?: string;
  sleep_performance_pct?: number | null;
  sleep_consistency_pct?: number | null;
  sleep_efficiency_pct?: number | null;
  in_bed_seconds?: number | null;
  no_data_seconds?: number | null;
  sleep_cycle_count?: number | null;
  disturbance_count?: number | null;
  sleep_need_seconds?: number | null;
};

/** A bedside or under-mattress monitor's night: wake-ups, breathing events, snoring. */
export type SleepPeriodMonitorExtras = {
  waso_seconds?: number | null;
  wakeup_latency_seconds?: number | null;
  wakeup_count?: number | null;
  out_of_bed_count?: number | null;
  rem_episodes?: number | null;
  respiratory_rate_min?: number | null;
  respiratory_rate_max?: number | null;
  snoring_seconds?: number | null;
  snoring_episodes?: number | null;
  breathing_disturbances_intensity?: number | null;
  /** Apnea–hypopnea index, events per hour. */
  apnea_hypopnea_index?: number | null;
  hrv_rmssd_start_ms?: number | null;
  hrv_rmssd_end_ms?: number | null;
  movement_score_avg?: number | null;
  /** `sleep_monitor` or `tracker`. */
  source_kind?: string | null;
  completed?: boolean | null;
};

/** The `data` of a `sleep_period` record. */
export type SleepPeriodData = SleepPeriodCore & SleepPeriodShared & SleepPeriodRingExtras & SleepPeriodStrapExtras & SleepPeriodMonitorExtras;
