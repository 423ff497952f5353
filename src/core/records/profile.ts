/** The `profile` kind: who the person is (a snapshot with no time axis). */
import type { RecordDataBase } from './record-data-base.js';

/** The `data` of a `profile` record. Identifiers of the account are never part of it. */
export type ProfileData = RecordDataBase & {
  age_years?: number | null;
  weight_kg?: number | null;
  height_m?: number | null;
  biological_sex?: string | null;
  max_heart_rate_bpm?: number | null;
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
};
