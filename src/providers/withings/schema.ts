/**
 * Minimal zod schemas of the Withings fields we read (per-tag specs under
 * `shared/specs/withings/per-tag/`). Objects are loose so unknown fields survive into `raw`.
 * Paging: `more` is an integer in `getmeas` and a boolean elsewhere; both are accepted.
 */
import { z } from 'zod';
import { DAY_PATTERN } from '../../core/time/days.js';

const num = z.number().nullish();
const text = z.string().nullish();
const more = z.union([z.boolean(), z.number()]).nullish();

/** Paging fields shared by the list services. */
export const pagingSchema = z.looseObject({ more, offset: num });

export const measureSchema = z.looseObject({ value: z.number(), type: z.number().int(), unit: z.number().int(), position: num });

export const measureGroupSchema = z.looseObject({
  grpid: z.number(),
  attrib: num,
  date: z.number(),
  created: num,
  modified: num,
  category: num,
  deviceid: text,
  hash_deviceid: text,
  model: text,
  // Real groups carry `modelid` (shared/specs/recorded/withings/getmeas_2.json: "modelid":5);
  // `model_id` is the spec's spelling. The recorded response wins; both are read.
  modelid: num,
  model_id: num,
  comment: text,
  timezone: text,
  measures: z.array(measureSchema),
});

export const getmeasBodySchema = z.looseObject({
  updatetime: z.union([z.string(), z.number()]).nullish(),
  timezone: text,
  measuregrps: z.array(z.unknown()),
  more,
  offset: num,
});

export const activitySchema = z.looseObject({
  date: z.string().regex(DAY_PATTERN),
  timezone: text,
  deviceid: text,
  hash_deviceid: text,
  brand: num,
  is_tracker: z.boolean().nullish(),
  modified: num,
  model: text,
  modelid: num,
});

export const workoutSchema = z.looseObject({
  id: z.number().nullish(),
  category: num,
  timezone: text,
  model: num,
  attrib: num,
  startdate: z.number(),
  enddate: z.number(),
  date: text,
  modified: num,
  deviceid: text,
  data: z.record(z.string(), z.unknown()).nullish(),
});

export const sleepSummarySchema = z.looseObject({
  id: z.number().nullish(),
  timezone: text,
  model: num,
  model_id: num,
  startdate: z.number(),
  enddate: z.number(),
  date: z.string().regex(DAY_PATTERN),
  created: num,
  modified: num,
  hash_deviceid: text,
  completed: z.boolean().nullish(),
  data: z.record(z.string(), z.unknown()).nullish(),
});

/** One `v2/sleep get` segment: a stage from startdate to enddate, plus `{ epoch: value }` maps. */
export const sleepSegmentSchema = z.looseObject({
  startdate: z.number(),
  enddate: z.number(),
  state: z.number().int(),
  model: text,
  model_id: num,
});

export const heartRecordSchema = z.looseObject({
  deviceid: text,
  model: num,
  ecg: z.looseObject({ signalid: z.number(), afib: num }),
  bloodpressure: z.looseObject({ diastole: num, systole: num }).nullish(),
  heart_rate: num,
  modified: num,
  timestamp: z.number(),
  timezone: text,
});

export const stethoRecordSchema = z.looseObject({
  hash_deviceid: text,
  signalid: z.number(),
  vhd: num,
  timestamp: z.number(),
  timezone: text,
});

export const deviceSchema = z.looseObject({
  type: text,
  model: text,
  model_id: num,
  battery: text,
  deviceid: text,
  hash_deviceid: text,
  fw: text,
  timezone: text,
  first_session_date: num,
  last_session_date: num,
});

const goalValue = z.looseObject({ value: z.number(), unit: z.number().int() });
export const goalsSchema = z.looseObject({ steps: num, sleep: num, weight: goalValue.nullish() });

export const heartSignalSchema = z.looseObject({
  signal: z.array(z.number()),
  sampling_frequency: z.number(),
  wearposition: num,
  model: num,
  heart_rate: num,
});

export const stethoSignalSchema = z.looseObject({
  signal: z.array(z.number()),
  frequency: z.number(),
  duration: num,
  format: num,
  size: num,
  resolution: num,
  channel: num,
  model: num,
  position: num,
  vhd: num,
});
