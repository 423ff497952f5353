/**
 * Every Withings service the simulator serves validates (strictly: no undeclared fields) against
 * the per-tag spec's response schema, kept as JSON in withings-spec.json with the sha256 of each
 * source YAML (regenerate with spec-fixture.py). Known spec errata are handled explicitly below.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeShared, sharedPath } from '../../support/shared.js';
import { startSimulator, type StartedSimulator } from '../../../src/simulator/index.js';
import { signParams } from '../../../src/providers/withings/signing.js';
import { SchemaChecker, type Schema } from '../support/openapi.js';

interface Fixture {
  files: Record<string, string>;
  operations: Record<string, Schema | null>;
  schemas: Record<string, Schema>;
}

const fixture = JSON.parse(readFileSync(new URL('./withings-spec.json', import.meta.url), 'utf8')) as Fixture;
// Erratum: real measure groups carry `modelid` (../shared/specs/recorded/withings/getmeas_2.json),
// which the spec does not declare; the simulator follows the recorded response.
(fixture.schemas.measuregrp_object as { properties: Record<string, Schema> }).properties.modelid = { type: 'integer' };
const checker = new SchemaChecker({ paths: {}, components: { schemas: fixture.schemas } });
const TOKEN = 'withings-spec-token';
const NOW = new Date('2025-06-15T16:00:00Z');

/** The success schema of `path action`; list items the spec leaves untyped get their component. */
function schemaFor(operation: string): Schema {
  const schema = fixture.operations[operation];
  if (!schema) throw new Error(`no schema for ${operation}`);
  const items: Record<string, string> = { '/v2/heart list': 'heart_measurement_object', '/v2/stetho list': 'stetho_measurement_object' };
  const component = items[operation];
  if (!component) return schema;
  const copy = structuredClone(schema) as { properties: { body: { properties: { series: Schema } } } };
  copy.properties.body.properties.series.items = { $ref: `#/components/schemas/${component}` };
  return copy as unknown as Schema;
}

describe('the Withings simulator answers what the per-tag specs declare', () => {
  let sim: StartedSimulator;
  const call = async (path: string, form: Record<string, string | number>) => {
    const response = await fetch(`${sim.withings.apiBaseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(Object.entries(form).map(([key, value]): [string, string] => [key, String(value)])).toString(),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { status: number; body: Record<string, unknown> };
  };
  const valid = async (operation: string, form: Record<string, string | number>) => {
    const [path, action] = operation.split(' ') as [string, string];
    const answer = await call(path, { action, ...form });
    expect(answer.status).toBe(0);
    expect(checker.check(schemaFor(operation), answer)).toEqual([]);
    return answer.body;
  };

  beforeAll(async () => {
    sim = await startSimulator({ seed: 5, days: 90, now: () => NOW, personalAccessTokens: [TOKEN], withings: { pageSize: 10 } });
  });
  afterAll(() => sim.close());

  it('measure getmeas: first page, a later page, goals; `more` is an integer', async () => {
    const window = { startdate: Date.parse('2025-04-01T00:00:00Z') / 1000, enddate: Date.parse('2025-06-15T00:00:00Z') / 1000 };
    const first = await valid('/measure getmeas', { ...window, category: 1 });
    expect(first.more).toBe(1);
    await valid('/measure getmeas', { ...window, category: 1, offset: Number(first.offset) });
    const goals = await valid('/measure getmeas', { startdate: 0, enddate: window.enddate, category: 2 });
    expect((goals.measuregrps as unknown[]).length).toBe(1);
    const types = new Set((first.measuregrps as Array<{ measures: Array<{ type: number }> }>).flatMap((group) => group.measures.map((measure) => measure.type)));
    expect([...types].filter((type) => [1, 6, 9, 10, 11].includes(type)).length).toBeGreaterThanOrEqual(3);
  });

  it('v2/measure getactivity, getworkouts (boolean `more`) and getintradayactivity (24 h at most)', async () => {
    const activity = await valid('/v2/measure getactivity', { startdateymd: '2025-04-01', enddateymd: '2025-05-31' });
    expect(activity.more).toBe(true);
    await valid('/v2/measure getworkouts', { startdateymd: '2025-03-20', enddateymd: '2025-06-14' });
    const from = Date.parse('2025-06-10T00:00:00Z') / 1000;
    const intraday = await valid('/v2/measure getintradayactivity', { startdate: from, enddate: from + 3 * 86_400, data_fields: 'steps,heart_rate' });
    const stamps = Object.keys(intraday.series as object).map(Number);
    expect(stamps.length).toBeGreaterThan(100);
    expect(Math.max(...stamps)).toBeLessThan(from + 86_400);
  });

  it('v2/sleep getsummary with data fields, and v2/sleep get (the spec types `series` as one object; the service lists segments)', async () => {
    const summary = await valid('/v2/sleep getsummary', { startdateymd: '2025-05-01', enddateymd: '2025-05-07', data_fields: 'sleep_score,total_sleep_time,deepsleepduration,snoring,apnea_hypopnea_index,hr_average,rr_average' });
    const night = (summary.series as Array<{ data: Record<string, number> }>)[0]!;
    expect(Object.keys(night.data).sort()).toEqual(['apnea_hypopnea_index', 'deepsleepduration', 'hr_average', 'rr_average', 'sleep_score', 'snoring', 'total_sleep_time']);
    const from = Date.parse('2025-05-03T12:00:00Z') / 1000;
    const answer = await call('/v2/sleep', { action: 'get', startdate: from, enddate: from + 86_400, data_fields: 'hr,rr,snoring' });
    const segments = answer.body.series as unknown[];
    expect(segments.length).toBeGreaterThan(5);
    const segmentSchema = (schemaFor('/v2/sleep get') as { properties: { body: { properties: { series: Schema } } } }).properties.body.properties.series;
    for (const segment of segments) expect(checker.check(segmentSchema, segment)).toEqual([]);
  });

  it('v2/heart list/get (ECG at the spec frequency), v2/stetho list/get, v2/user getdevice/getgoals, v2/signature getnonce', async () => {
    const window = { startdate: Date.parse('2025-03-20T00:00:00Z') / 1000, enddate: Date.parse('2025-06-15T00:00:00Z') / 1000 };
    const heart = await valid('/v2/heart list', window);
    const recording = (heart.series as Array<{ ecg: { signalid: number } }>)[0]!;
    const signal = await valid('/v2/heart get', { signalid: recording.ecg.signalid });
    expect(signal.sampling_frequency).toBe(500);
    expect((signal.signal as number[]).length).toBe(15_000);
    const stetho = await valid('/v2/stetho list', window);
    const sound = await valid('/v2/stetho get', { signalid: (stetho.series as Array<{ signalid: number }>)[0]!.signalid });
    expect((sound.signal as number[]).every((value) => value >= 0 && value <= 255)).toBe(true);
    await valid('/v2/user getdevice', {});
    await valid('/v2/user getgoals', {});
    const signed = { action: 'getnonce', client_id: sim.clientId, timestamp: String(Math.floor(Date.now() / 1000)) };
    const nonce = await valid('/v2/signature getnonce', { ...signed, signature: signParams(signed, sim.clientSecret) });
    expect(typeof nonce.nonce).toBe('string');
  });
});

describeShared('the Withings spec JSON matches the per-tag spec files', () => {
  it('the JSON schemas were generated from the spec files as they are now', () => {
    for (const [name, sha] of Object.entries(fixture.files)) {
      const file = sharedPath('specs', 'withings', 'per-tag', name);
      expect(createHash('sha256').update(readFileSync(file)).digest('hex'), `${name} changed: rerun spec-fixture.py`).toBe(sha);
    }
  });
});
