/** The `device` kind: one device of the account (a snapshot). */
import type { RecordDataBase } from './record-data-base.js';

/** The `data` of a `device` record. */
export type DeviceData = RecordDataBase & {
  /** Device type in words (`Scale`, `Activity Tracker` ...). */
  type?: string | null;
  model?: string | null;
  model_id?: number | null;
  /** `low`, `medium`, `high`. */
  battery?: string | null;
  firmware?: string | null;
  timezone?: string | null;
  /** First and last sync sessions (ISO-8601). */
  first_session?: string | null;
  last_session?: string | null;
  hardware_type?: string | null;
  color?: string | null;
  design?: string | null;
  size?: number | null;
  firmware_version?: string | null;
  /** When the device was set up (ISO-8601). */
  set_up_at?: string | null;
};
