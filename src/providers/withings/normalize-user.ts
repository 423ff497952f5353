/** ECG and stethoscope record lists, devices and goals. Signals themselves are never stored here. */
import { decodeValue, AFIB_CLASSIFICATIONS } from './measure-types.js';
import { isoFromEpoch, orNull, withingsRecord, type Normalized } from './normalize-common.js';
import { deviceSchema, goalsSchema, heartRecordSchema, stethoRecordSchema } from './schema.js';
import { localTime } from './timezone.js';

/** `v2/heart list` item → one ECG recording (signal id, AFib classification, heart rate, BP). */
export function normalizeHeartRecord(document: unknown, zone: string | null = null): Normalized<'signal_recording'> {
  const parsed = heartRecordSchema.safeParse(document);
  if (!parsed.success) return null;
  const record = parsed.data;
  // Recorded ECG lists carry no timezone (heart_list_1.json): the user's reported zone stands in.
  const local = localTime(record.timestamp, record.timezone ?? zone);
  const afib = typeof record.ecg.afib === 'number' ? record.ecg.afib : null;
  return withingsRecord('heart_records', 'signal_recording', {
    id: String(record.ecg.signalid),
    day: local.day,
    start: local.iso,
    end: null,
    tzOffset: local.known ? local.offset : null,
    updatedAt: isoFromEpoch(record.modified),
    data: {
      signal_id: record.ecg.signalid,
      afib_result: afib,
      classification: afib === null ? null : (AFIB_CLASSIFICATIONS[afib] ?? 'unknown'),
      heart_rate_bpm: orNull(record.heart_rate),
      systolic_mmhg: orNull(record.bloodpressure?.systole),
      diastolic_mmhg: orNull(record.bloodpressure?.diastole),
      device_model_id: orNull(record.model),
    },
    raw: document,
  });
}

/** `v2/stetho list` item → one stethoscope recording (signal id, valvular heart disease flag). */
export function normalizeStethoRecord(document: unknown, zone: string | null = null): Normalized<'signal_recording'> {
  const parsed = stethoRecordSchema.safeParse(document);
  if (!parsed.success) return null;
  const record = parsed.data;
  const local = localTime(record.timestamp, record.timezone ?? zone);
  return withingsRecord('stetho_records', 'signal_recording', {
    id: String(record.signalid),
    day: local.day,
    start: local.iso,
    end: null,
    tzOffset: local.known ? local.offset : null,
    updatedAt: null,
    data: { signal_id: record.signalid, vhd: orNull(record.vhd) },
    raw: document,
  });
}

/** `v2/user getdevice` item → a device snapshot (type, model, battery, firmware, sessions). */
export function normalizeDevice(document: unknown): Normalized<'device'> {
  const parsed = deviceSchema.safeParse(document);
  if (!parsed.success) return null;
  const device = parsed.data;
  const id = device.hash_deviceid ?? device.deviceid;
  if (!id) return null;
  return withingsRecord('devices', 'device', {
    id,
    day: null,
    start: null,
    end: null,
    tzOffset: null,
    updatedAt: null,
    data: {
      type: orNull(device.type),
      model: orNull(device.model),
      model_id: orNull(device.model_id),
      battery: orNull(device.battery),
      firmware: orNull(device.fw),
      timezone: orNull(device.timezone),
      first_session: isoFromEpoch(device.first_session_date),
      last_session: isoFromEpoch(device.last_session_date),
    },
    raw: document,
  });
}

/** `v2/user getgoals` → one snapshot record: steps per day, sleep seconds, weight goal (decoded kg). */
export function normalizeGoals(document: unknown): Normalized<'goals'> {
  // A user without goals gets `goals: []` instead of `{}` (recorded user_getgoals_empty_1.json):
  // that is "no goals", a snapshot that replaces any earlier goals, not a malformed answer.
  const parsed = goalsSchema.safeParse(Array.isArray(document) && document.length === 0 ? {} : document);
  if (!parsed.success) return null;
  const goals = parsed.data;
  return withingsRecord('goals', 'goals', {
    id: 'goals',
    day: null,
    start: null,
    end: null,
    tzOffset: null,
    updatedAt: null,
    data: {
      steps_goal: orNull(goals.steps),
      sleep_goal_seconds: orNull(goals.sleep),
      weight_goal_kg: goals.weight ? decodeValue(goals.weight.value, goals.weight.unit) : null,
    },
    raw: document,
  });
}

