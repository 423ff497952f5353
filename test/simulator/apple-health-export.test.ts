import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAppleHealthExport } from '../../src/simulator/apple-health/export-file.js';
import { SyntheticPerson } from '../../src/simulator/person.js';
import { buildMeasureGroups } from '../../src/simulator/withings/measures.js';
import { ofResource, readAll } from '../providers/apple-health/export-fixture.js';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('Apple Health simulator export', () => {
  const person = new SyntheticPerson({ seed: 11, now: NOW });
  const folder = mkdtempSync(join(tmpdir(), 'apple-sim-'));

  it('writes the same person as export.zip and export.xml, read back alike', async () => {
    const zipped = await writeAppleHealthExport(join(folder, 'export.zip'), { person, exportedAt: NOW, days: 14 });
    const plain = await writeAppleHealthExport(join(folder, 'export.xml'), { person, exportedAt: NOW, days: 14 });
    expect(zipped).toEqual(plain);
    expect(zipped.elements).toBeGreaterThan(14 * 300);
    const fromZip = await readAll(join(folder, 'export.zip'), NOW);
    const fromXml = await readAll(join(folder, 'export.xml'), NOW);
    expect(fromZip.records).toEqual(fromXml.records);
    expect(fromZip.summary.elements).toBe(zipped.elements);
    expect(fromZip.summary.unreadable).toBe(0);
  });

  it("holds the Withings scale's weigh-ins as Health Mate copies (kept apart) and the Oura app's nights", async () => {
    const { records, summary } = await readAll(join(folder, 'export.zip'), NOW);
    const copied = ofResource(records, 'copied_measures').filter((entry) => entry.data['weight_kg'] !== undefined);
    const withings = buildMeasureGroups(person)
      .map((document) => document.json as { date: number; attrib: number; category: number; measures: Array<{ type: number; value: number; unit: number }> })
      .filter((group) => group.category === 1 && group.attrib === 0 && group.measures.some((measure) => measure.type === 1))
      .filter((group) => copied.some((entry) => Date.parse(entry.start ?? '') === group.date * 1000));
    expect(copied.length).toBeGreaterThan(5);
    expect(withings).toHaveLength(copied.length);
    for (const entry of copied) {
      const group = withings.find((candidate) => candidate.date * 1000 === Date.parse(entry.start ?? ''));
      const weight = group?.measures.find((measure) => measure.type === 1);
      expect(entry.data['weight_kg']).toBeCloseTo((weight?.value ?? 0) * 10 ** (weight?.unit ?? 0), 3);
    }
    // Apple's own measures are only what was typed into the Health app.
    expect(ofResource(records, 'measures').every((entry) => entry.data['attribution'] === 'manual')).toBe(true);
    const wornNights = person.history().filter((day) => day.day >= '2026-02-25' && day.sleeps.some((sleep) => sleep.kind === 'main' && sleep.worn));
    expect(ofResource(records, 'copied_sleep').length).toBeGreaterThanOrEqual(wornNights.length - 1);
    expect(summary.copies['oura']).toBeGreaterThan(0);
    expect(summary.copies['withings']).toBeGreaterThan(0);
  });

  it("counts each day's steps once: the watch's hours, the phone's while the watch charges", async () => {
    const { records } = await readAll(join(folder, 'export.zip'), NOW);
    for (const day of ofResource(records, 'activity')) {
      const byOrigin = (day.raw as { by_origin: { steps: { apple_watch: number; iphone: number } } }).by_origin.steps;
      const steps = day.data['steps'] as number;
      expect(steps).toBeGreaterThan(byOrigin.apple_watch);
      expect(steps).toBeLessThan(byOrigin.apple_watch + byOrigin.iphone);
      const truth = person.day(day.day ?? '')?.activity.steps ?? 0;
      expect(Math.abs(steps - truth) / truth).toBeLessThan(0.12);
    }
  });
});
