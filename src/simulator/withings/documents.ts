/**
 * Every Withings document of the synthetic person, built once, served by what is visible at the
 * simulator's "now" (`availableAtMs`), with edits and deletions that bump `modified` so
 * `lastupdate` queries see them.
 */
import type { SyntheticPerson } from '../person.js';
import { activityDocument, intradayEntries, workoutDocument } from './activity.js';
import { DEVICES, deviceHash, seconds, zoneForOffset, type DeviceKey, type SimDocument } from './common.js';
import { buildMeasureGroups } from './measures.js';
import { buildRecordings, type Recording } from './signals.js';
import { recordedNight, sleepSegments, sleepSummary } from './sleep.js';

/** Which documents a list request wants: by date range or by `lastupdate`. */
export interface DocumentFilter {
  /** Inclusive range of the document's key (epoch seconds or `YYYY-MM-DD`). */
  from?: number | string;
  to?: number | string;
  /** Only documents modified after this epoch second. */
  lastupdate?: number;
}

export type ListKind = 'measures' | 'activity' | 'workouts' | 'sleep_summary' | 'heart' | 'stetho';

export class WithingsDocuments {
  private readonly lists: Record<ListKind, SimDocument[]>;
  private readonly recordings: Map<number, Recording>;

  constructor(private readonly person: SyntheticPerson) {
    const { heart, stetho } = buildRecordings(person);
    this.recordings = new Map([...heart, ...stetho].map((recording) => [recording.signalId, recording]));
    this.lists = {
      measures: buildMeasureGroups(person),
      activity: person.days().map((day) => activityDocument(person, day)),
      workouts: person.days().flatMap((day) => day.workouts.map((workout) => workoutDocument(person, workout))),
      sleep_summary: person.days().flatMap((day) => {
        const night = recordedNight(day);
        return night ? [sleepSummary(person, day, night)] : [];
      }),
      heart: heart.map((recording) => recording.list),
      stetho: stetho.map((recording) => recording.list),
    };
  }

  /** Visible documents of a list at `nowMs`, filtered, in their natural order. */
  list(kind: ListKind, nowMs: number, filter: DocumentFilter): Array<Record<string, unknown>> {
    const key = KEYS[kind];
    return this.lists[kind]
      .filter((document) => document.availableAtMs <= nowMs)
      .filter((document) => {
        if (filter.lastupdate !== undefined) return seconds(document.modifiedMs) > filter.lastupdate;
        if (document.deleted) return false;
        const value = document.json[key] as number | string;
        return (filter.from === undefined || value >= filter.from) && (filter.to === undefined || value <= filter.to);
      })
      .filter((document) => !document.deleted)
      .map((document) => document.json);
  }

  /** Every document of a list as stored (tests compare against it). */
  all(kind: ListKind): readonly SimDocument[] {
    return this.lists[kind];
  }

  /** A recording's signal body, or undefined when the id is unknown or not yet uploaded. */
  signal(signalId: number, nowMs: number): Record<string, unknown> | undefined {
    const recording = this.recordings.get(signalId);
    return recording && recording.list.availableAtMs <= nowMs ? recording.signal() : undefined;
  }

  /** `v2/sleep get` segments of recorded nights overlapping `[startMs, endMs)`. */
  sleepSegments(nowMs: number, startMs: number, endMs: number): Array<Record<string, unknown>> {
    return this.person.days().flatMap((day) => {
      const night = recordedNight(day);
      if (!night || night.bedtimeEndMs + 20 * 60_000 > nowMs || night.bedtimeEndMs <= startMs || night.bedtimeStartMs >= endMs) return [];
      return sleepSegments(this.person, day, night).filter((segment) => Number(segment.startdate) * 1000 >= startMs && Number(segment.startdate) * 1000 < endMs);
    });
  }

  /** Intraday entries in `[startMs, endMs)` that have happened by `nowMs`. */
  intraday(nowMs: number, startMs: number, endMs: number): Map<number, Record<string, unknown>> {
    return intradayEntries(this.person, startMs, Math.min(endMs, nowMs));
  }

  /** The linked devices. */
  devices(nowMs: number): Array<Record<string, unknown>> {
    const zone = zoneForOffset(this.person.offsetAt(nowMs));
    const first = this.person.days()[0];
    const since = first ? seconds(Date.parse(`${first.day}T09:00:00Z`)) : seconds(nowMs);
    return (Object.keys(DEVICES) as DeviceKey[]).map((key, index) => ({
      type: DEVICES[key].type,
      model: DEVICES[key].model,
      model_id: DEVICES[key].modelId,
      battery: ['high', 'medium', 'high', 'low'][index] ?? 'high',
      deviceid: deviceHash(this.person.seed, key),
      hash_deviceid: deviceHash(this.person.seed, key),
      fw: String(2000 + index * 37),
      timezone: zone,
      first_session_date: since,
      last_session_date: seconds(nowMs) - 3600 * (index + 1),
    }));
  }

  /** Set by the `clearGoals` control: the user removed every goal. */
  goalsCleared = false;

  /** The user's goals; `[]` once cleared, as Withings answers then (recorded user_getgoals_empty_1.json). */
  goals(): Record<string, unknown> | [] {
    if (this.goalsCleared) return [];
    const weight = Math.round((this.person.profile.weightKg - 3) * 1000);
    return { steps: 10_000, sleep: Math.round(this.person.profile.sleepNeedSeconds / 60) * 60, weight: { value: weight, unit: -3 } };
  }

  /** Edits a measure group (a corrected weight); `modified` becomes `atMs`. False if unknown. */
  editMeasure(grpid: number, weightKg: number, atMs: number): boolean {
    const document = this.lists.measures.find((entry) => entry.json.grpid === grpid);
    if (!document) return false;
    const measures = (document.json.measures as Array<Record<string, number>>).map((measure) =>
      measure.type === 1 ? { ...measure, value: Math.round(weightKg * 1000), unit: -3 } : measure,
    );
    document.json = { ...document.json, measures, modified: seconds(atMs) };
    document.modifiedMs = atMs;
    return true;
  }

  /** Deletes a document of a list by its id field; it disappears from lists. False if unknown. */
  delete(kind: ListKind, id: number | string, atMs: number): boolean {
    const document = this.lists[kind].find((entry) => entry.json[ID_KEYS[kind]] === id || (kind === 'heart' && (entry.json.ecg as { signalid?: unknown })?.signalid === id));
    if (!document) return false;
    document.deleted = true;
    document.modifiedMs = atMs;
    return true;
  }
}

const KEYS: Record<ListKind, string> = {
  measures: 'date',
  activity: 'date',
  workouts: 'date',
  sleep_summary: 'date',
  heart: 'timestamp',
  stetho: 'timestamp',
};

const ID_KEYS: Record<ListKind, string> = {
  measures: 'grpid',
  activity: 'date',
  workouts: 'id',
  sleep_summary: 'id',
  heart: 'signalid',
  stetho: 'signalid',
};
