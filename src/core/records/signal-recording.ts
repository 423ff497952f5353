/**
 * The `signal_recording` kind: one recorded signal (ECG, stethoscope) listed with its result.
 * The signal itself is fetched on demand, never stored.
 */
import type { RecordDataBase } from './record-data-base.js';

/** The `data` of a `signal_recording` record. */
export type SignalRecordingData = RecordDataBase & {
  /** The id the signal is fetched by. */
  signal_id: number;
  /** ECG: the AFib result code and its label. */
  afib_result?: number | null;
  classification?: string | null;
  heart_rate_bpm?: number | null;
  systolic_mmhg?: number | null;
  diastolic_mmhg?: number | null;
  device_model_id?: number | null;
  /** Stethoscope: the valvular heart disease result code. */
  vhd?: number | null;
};
