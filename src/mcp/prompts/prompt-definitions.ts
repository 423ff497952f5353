/**
 * The analysis prompts as data: each tells the model which insights tools to call and to cite the
 * days and numbers they return (never a number the tools did not give).
 */

export interface PromptDefinition {
  name: string;
  title: string;
  description: string;
  /** The argument the user may give (a number of days), with its default. */
  days: { description: string; default: number };
  /** The user message, given the resolved number of days. */
  text(days: number): string;
}

const EVIDENCE_RULES =
  'Rules: cite every claim with its day (YYYY-MM-DD) and the number the tools returned, with its source device. ' +
  'Never state a number the tools did not return. If a tool answers status "too_little_data" or a correlation has strength "too_few_pairs", say so plainly instead of guessing. ' +
  'Mention the data gaps the tools report. Where two devices disagree (get_daily_summary shows the other device value beside the headline; all_devices: true lists every device), say which one the headline uses.';

export const PROMPTS: readonly PromptDefinition[] = [
  {
    name: 'weekly_report',
    title: 'Weekly health report',
    description: 'A one-page report of the last week across all connected devices, compared with the week before, with evidence.',
    days: { description: 'Days in the report (default 7).', default: 7 },
    text: (days) =>
      `Write my health report for the last ${days} days. ` +
      `1) Call compare_periods (default periods: the last ${days} days vs the ${days} before; pass b_start/b_end/a_start/a_end when ${days} is not 7). ` +
      '2) Call get_health_insights with days=30 for baselines, anomalies, episodes and correlations. ' +
      '3) Call get_trends for average_hrv_ms and total_sleep_seconds (resolution day) if a change looks notable. ' +
      'Structure: headline (2 sentences), sleep, recovery (HRV, resting heart rate, readiness/recovery), activity and strain, body (weight, blood pressure) if measured, what stood out (anomalies/episodes), one or two suggestions grounded in the numbers. ' +
      EVIDENCE_RULES,
  },
  {
    name: 'sleep_review',
    title: 'Sleep review',
    description: 'A review of sleep duration, timing, stages and efficiency, and how sleep relates to next-morning readiness/recovery.',
    days: { description: 'Days to review (default 30).', default: 30 },
    text: (days) =>
      `Review my sleep over the last ${days} days. ` +
      `1) Call get_health_insights with days=${days} (baselines of total_sleep_seconds, bedtime_hours, sleep_efficiency_pct; sleep anomalies; the sleep vs readiness/recovery correlation). ` +
      `2) Call get_trends for total_sleep_seconds and bedtime_hours (resolution week if ${days} > 31). ` +
      '3) Call get_daily_summary with metrics deep_sleep_seconds, rem_sleep_seconds, sleep_efficiency_pct, sleep_latency_seconds for the nights that stood out. ' +
      'Explain: typical duration and bedtime (medians), consistency, short or late nights (dates), stages, and whether longer sleep went with better readiness/recovery here (quote r and n). ' +
      EVIDENCE_RULES,
  },
  {
    name: 'am_i_overtraining',
    title: 'Am I overtraining?',
    description: 'Checks training load against recovery signals (HRV, resting heart rate, readiness/recovery, strain) for signs of overreaching.',
    days: { description: 'Days to check (default 30).', default: 30 },
    text: (days) =>
      `Am I overtraining? Check the last ${days} days. ` +
      `1) Call get_health_insights with days=${days}: look for HRV below baseline together with resting heart rate above baseline on the same days, readiness/recovery drops, and the strain vs next-day recovery correlation. ` +
      '2) Call get_trends with resolution week for average_hrv_ms, resting_heart_rate_bpm, and strain or workout_minutes (whichever has data). ' +
      '3) Call compare_periods for average_hrv_ms, resting_heart_rate_bpm, readiness_score, recovery_score, strain, workout_minutes: the last 7 days vs the 28 days before. ' +
      'Answer yes / possibly / no with the evidence; separate training load from other causes the data shows (an illness-like episode with raised temperature or respiratory rate, short or late nights, travel). This is not medical advice; suggest seeing a professional if symptoms persist. ' +
      EVIDENCE_RULES,
  },
];
