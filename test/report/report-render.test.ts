/**
 * The HTML dashboard built from a store synced from the simulator, rendered in headless Chromium
 * (Debian's `chromium`) at a phone width (390 px) and a desktop width (1200 px): measured in the
 * rendered page (legend key colours, axis text size, overflow, clock-time bedtime axis, tick
 * counts), with full-page screenshots kept in test-output/ (gitignored).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type BuiltReport } from '../../src/report/build-report.js';
import { shortDay } from '../../src/report/chart-ticks.js';
import { startSimulatedApp, type SimulatedApp } from '../analysis/support/simulated-app.js';
import { HAS_CHROMIUM, launchChromium, type Browser } from './support/chromium.js';

const OUTPUT = resolve('test-output');

let s: SimulatedApp;
let report: BuiltReport;
let htmlPath: string;
let browser: Browser | undefined;

beforeAll(async () => {
  // Oura, WHOOP and Withings from the simulator's one synthetic person.
  s = await startSimulatedApp(90);
  report = await buildReport({ store: s.app.store, endDay: s.today, days: 90, generatedAt: new Date('2024-06-15T12:00:00Z') });
  mkdirSync(OUTPUT, { recursive: true });
  htmlPath = join(OUTPUT, 'report.html');
  writeFileSync(htmlPath, report.html);
  if (HAS_CHROMIUM) browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

/** What the page reports about itself once laid out. */
interface Measured {
  viewport: number;
  scrollWidth: number;
  legend: Array<{ label: string; color: string; fill: string }>;
  bands: number;
  markerKeys: number;
  ticks: Array<{ chart: string; y: string[]; x: string[]; minFont: number; minHeight: number; xOverlap: boolean }>;
  series: Array<{ label: string; points: number; segments: number; dots: number }>;
  bars: number;
}

const MEASURE = `(() => {
  const rgb = (hex) => { const n = parseInt(hex.slice(1), 16); return 'rgb(' + (n >> 16) + ', ' + ((n >> 8) & 255) + ', ' + (n & 255) + ')'; };
  const figures = [...document.querySelectorAll('figure')].filter((figure) => figure.querySelector('.chart'));
  return {
    viewport: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    legend: [...document.querySelectorAll('.legend-series')].map((item) => ({ label: item.textContent, color: rgb(item.dataset.color), fill: getComputedStyle(item.querySelector('.key-mark')).fill })),
    bands: document.querySelectorAll('.legend-band').length,
    markerKeys: document.querySelectorAll('.legend-marker').length,
    ticks: figures.map((figure) => {
      const ticks = [...figure.querySelectorAll('.tick')];
      const xs = [...figure.querySelectorAll('.tick-x')].map((tick) => tick.getBoundingClientRect());
      return {
        chart: figure.querySelector('figcaption').textContent,
        y: [...figure.querySelectorAll('.tick-y')].map((tick) => tick.textContent),
        x: [...figure.querySelectorAll('.tick-x')].map((tick) => tick.textContent),
        minFont: Math.min(...ticks.map((tick) => parseFloat(getComputedStyle(tick).fontSize))),
        minHeight: Math.min(...ticks.map((tick) => tick.getBoundingClientRect().height)),
        xOverlap: xs.some((box, index) => index > 0 && box.left < xs[index - 1].right + 2),
      };
    }),
    series: [...document.querySelectorAll('path.series')].map((path) => ({
      label: path.dataset.label, points: Number(path.dataset.points),
      segments: path.getAttribute('d').split(/[ML]/).filter((part) => part.trim()).length,
      dots: path.parentNode.querySelectorAll('path.dot[stroke="' + path.getAttribute('stroke') + '"]').length,
    })),
    bars: document.querySelectorAll('rect.bar').length,
  };
})()`;

describe('HTML report', () => {
  it('is self-contained: no script, no external URL, every chart drawn with a legend', () => {
    expect(report.html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);
    expect(report.html.match(/<svg class="plot-svg"/g)?.length).toBeGreaterThanOrEqual(8);
    // The planted sick week is annotated (episode listed, markers on the heart charts).
    const sick = s.sim.person.events.sickWeek;
    expect(report.html).toContain(`${shortDay(sick.start)} –`);
    expect(report.html).toMatch(/class="marker"/);
    expect(Object.keys(report.charts)).toEqual(
      expect.arrayContaining(['Time asleep', 'Bedtime', 'Heart rate variability (RMSSD)', 'Resting heart rate', 'Readiness / recovery score', 'Steps', 'Strain', 'Weight', 'Blood pressure']),
    );
    // Devices measuring the same thing each get their own line, named for a person.
    expect(report.html).toMatch(/data-label="Oura"[^>]*>.*data-label="WHOOP"/s);
    // Labels in words, never the snake_case metric names.
    expect(report.html).not.toMatch(/systolic_mmhg|bedtime_hours|resting_heart_rate_bpm|hours from midnight/);
    expect(report.html).toContain('Systolic blood pressure (mmHg)');
  });

  for (const width of [390, 1200]) {
    it.skipIf(!HAS_CHROMIUM)(`reads at ${width} px: legend in series colours, keys for bands and markers, legible axes, no overflow`, async () => {
      if (!browser) throw new Error('Chromium did not start');
      await browser.open(pathToFileURL(htmlPath).href, width);
      const page = await browser.evaluate<Measured>(MEASURE);
      expect(page.viewport).toBe(width);
      expect(page.scrollWidth, 'horizontal overflow').toBeLessThanOrEqual(width);

      expect(page.legend.length).toBeGreaterThanOrEqual(12);
      for (const key of page.legend) expect(key.fill, key.label).toBe(key.color);
      expect(new Set(page.legend.map((key) => key.fill)).size).toBeGreaterThanOrEqual(3);
      expect(page.bands).toBeGreaterThanOrEqual(5);
      expect(page.markerKeys).toBeGreaterThanOrEqual(1);

      expect(page.ticks.length).toBeGreaterThanOrEqual(8);
      for (const chart of page.ticks) {
        expect(chart.y.length, chart.chart).toBeGreaterThanOrEqual(4);
        expect(chart.y.length, chart.chart).toBeLessThanOrEqual(6);
        expect(chart.x.length, chart.chart).toBeGreaterThanOrEqual(4);
        expect(chart.x.length, chart.chart).toBeLessThanOrEqual(6);
        expect(chart.x.every((label) => /^[A-Z][a-z]{2} \d{1,2}$/.test(label)), chart.x.join()).toBe(true);
        expect(chart.minFont, chart.chart).toBeGreaterThanOrEqual(11);
        expect(chart.minHeight, chart.chart).toBeGreaterThanOrEqual(11);
        expect(chart.xOverlap, `${chart.chart}: x labels overlap`).toBe(false);
      }
      const bedtime = page.ticks.find((chart) => chart.chart.startsWith('Bedtime'));
      expect(bedtime?.y.every((label) => /^([01]\d|2[0-3]):[0-5]\d$/.test(label)), bedtime?.y.join()).toBe(true);

      expect(page.series.length).toBeGreaterThanOrEqual(10);
      for (const series of page.series) {
        expect(series.points, series.label).toBeGreaterThan(5);
        expect(series.segments, series.label).toBe(series.points);
        expect(series.dots, series.label).toBeGreaterThanOrEqual(series.points);
      }
      expect(page.bars).toBeGreaterThan(60);

      const png = await browser.screenshot();
      const screenshot = join(OUTPUT, `report-${width}.png`);
      writeFileSync(screenshot, png);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(width);
      // A blank page compresses to a few KB; charts with hundreds of points do not.
      expect(png.length).toBeGreaterThan(60_000);
    }, 120_000);
  }
});
