/** The `session` kind: a guided or unguided breathing / meditation / rest session. */
import type { RecordDataBase } from './record-data-base.js';

/** The `data` of a `session` record: type, mood, duration (s), mean heart rate (bpm) and HRV (ms). */
export type SessionData = RecordDataBase & {
  /** `breathing`, `meditation`, `nap`, `relaxation`, `rest`, `body_status`. */
  session_type: string | null;
  mood: string | null;
  duration_seconds: number | null;
  average_heart_rate_bpm: number | null;
  average_hrv_ms: number | null;
};
