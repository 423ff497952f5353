/** The dashboard's sections and charts, declared as data (which metrics, scale, unit, kind). */
import { PROVIDER_MODULES } from '../providers/registry.js';

export interface ChartDeclaration {
  title: string;
  metrics: readonly string[];
  /** The chart's unit in words, shown after the title ("hours", "beats per minute", "clock time"). */
  unit: string;
  kind: 'line' | 'bar';
  /** Values are hours from midnight, labelled as clock times. */
  clock?: boolean;
  /** Factor from the metric unit to the chart unit (seconds → hours). */
  scale?: number;
  /** One series per device (for a single metric measured by several devices). */
  perSource?: boolean;
}

export interface SectionDeclaration {
  title: string;
  charts: readonly ChartDeclaration[];
}

export const REPORT_SECTIONS: readonly SectionDeclaration[] = [
  {
    title: 'Sleep',
    charts: [
      { title: 'Time asleep', metrics: ['total_sleep_seconds'], unit: 'hours', kind: 'line', scale: 1 / 3600, perSource: true },
      { title: 'Bedtime', metrics: ['bedtime_hours'], unit: 'clock time', kind: 'line', clock: true, perSource: true },
    ],
  },
  {
    title: 'HRV and resting heart rate',
    charts: [
      { title: 'Heart rate variability (RMSSD)', metrics: ['average_hrv_ms'], unit: 'ms', kind: 'line', perSource: true },
      { title: 'Resting heart rate', metrics: ['resting_heart_rate_bpm'], unit: 'beats per minute', kind: 'line', perSource: true },
    ],
  },
  { title: 'Readiness and recovery', charts: [{ title: 'Readiness / recovery score', metrics: ['readiness_score', 'recovery_score'], unit: 'score 0–100', kind: 'line' }] },
  {
    title: 'Activity',
    charts: [
      { title: 'Steps', metrics: ['steps'], unit: 'steps', kind: 'bar' },
      { title: 'Strain', metrics: ['strain'], unit: 'score 0–21', kind: 'line' },
    ],
  },
  {
    title: 'Weight and blood pressure',
    charts: [
      { title: 'Weight', metrics: ['weight_kg'], unit: 'kg', kind: 'line', perSource: true },
      { title: 'Blood pressure', metrics: ['systolic_mmhg', 'diastolic_mmhg'], unit: 'mmHg', kind: 'line' },
    ],
  },
];

/** Series colours by device and by position. */
export const SOURCE_COLORS: Readonly<Record<string, string>> = Object.fromEntries(PROVIDER_MODULES.map((module) => [module.id, module.reportColor]));
export const SERIES_COLORS: readonly string[] = ['#2f6fdf', '#d9480f', '#2b8a3e', '#7048e8'];
