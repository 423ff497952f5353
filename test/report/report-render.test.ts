/**
 * The HTML dashboard built from a store synced from the simulator, rendered in headless Chromium
 * (Debian's `chromium`): the SVG charts drew with their data points, the page is self-contained,
 * and a screenshot is kept in test-output/ (gitignored).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type BuiltReport } from '../../src/report/build-report.js';
import { startSimulatedApp, type SimulatedApp } from '../analysis/support/simulated-app.js';

const run = promisify(execFile);
const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = resolve('test-output');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let s: SimulatedApp;
let report: BuiltReport;
let htmlPath: string;
let profile: string;

beforeAll(async () => {
  // Oura, WHOOP and Withings from the simulator's one synthetic person.
  s = await startSimulatedApp(90);
  report = await buildReport({ store: s.app.store, endDay: s.today, days: 90, generatedAt: new Date('2024-06-15T12:00:00Z') });
  mkdirSync(OUTPUT, { recursive: true });
  htmlPath = join(OUTPUT, 'report.html');
  writeFileSync(htmlPath, report.html);
  profile = mkdtempSync(join(tmpdir(), 'wearables-chromium-'));
}, 60_000);
afterAll(async () => {
  await s?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('HTML report', () => {
  it('is self-contained: no script, no external URL, charts inline as SVG', () => {
    expect(report.html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);
    expect(report.html.match(/<svg class="chart"/g)?.length).toBeGreaterThanOrEqual(6);
    // The planted sick week is annotated (episode listed, markers on the heart charts).
    const sick = s.sim.person.events.sickWeek;
    expect(report.html).toContain(`${sick.start}..`);
    expect(report.html).toMatch(/class="marker"/);
    expect(Object.keys(report.charts)).toEqual(
      expect.arrayContaining(['Time asleep', 'HRV (RMSSD)', 'Resting heart rate', 'Readiness / recovery score', 'Steps', 'Strain', 'Weight', 'Blood pressure']),
    );
    // Devices measuring the same thing each get their own line.
    expect(report.html).toMatch(/data-label="oura"[^>]*>.*data-label="whoop"/s);
  });

  it.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('renders in headless Chromium with the charts drawn, and keeps a screenshot', async () => {
    const url = `file://${htmlPath}`;
    const { stdout: dom } = await run(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, '--dump-dom', url], { timeout: 60_000, maxBuffer: 32 * 1024 * 1024 });
    const paths = [...dom.matchAll(/<path class="series" data-label="([^"]+)" data-points="(\d+)" d="([^"]+)"/g)];
    expect(paths.length).toBeGreaterThanOrEqual(10);
    for (const [, label, count, d] of paths) {
      expect(Number(count), label).toBeGreaterThan(5);
      expect((d ?? '').split(/[ML]/).filter((part) => part.trim()).length, label).toBe(Number(count));
    }
    expect(dom.match(/<rect x=/g)?.length ?? 0).toBeGreaterThan(60);
    const screenshot = join(OUTPUT, 'report.png');
    rmSync(screenshot, { force: true });
    await run(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, `--screenshot=${screenshot}`, '--window-size=1200,2000', url], { timeout: 60_000 });
    const png = readFileSync(screenshot);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 2000]);
    // A blank page compresses to a few KB; charts with hundreds of points do not.
    expect(statSync(screenshot).size).toBeGreaterThan(60_000);
  }, 120_000);
});
