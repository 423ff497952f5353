import { describe, expect, it } from 'vitest';
import { exportXml, HEALTH_MATE, OURA, ofResource, PHONE, readAll, record, WATCH, writeExport } from './export-fixture.js';

const STEPS = 'HKQuantityTypeIdentifierStepCount';
const SLEEP = 'HKCategoryTypeIdentifierSleepAnalysis';
const stage = (name: string) => `HKCategoryValueSleepAnalysis${name}`;

describe('Apple Health normalize', () => {
  it("dates every sample by its own offset: the person's local day, not the UTC day", async () => {
    const body =
      record(STEPS, WATCH, '2024-03-01 23:30:00 -0500', '2024-03-01 23:40:00 -0500', 100, 'count') +
      record(STEPS, WATCH, '2024-03-02 00:10:00 +0900', '2024-03-02 00:20:00 +0900', 50, 'count');
    const { records } = await readAll(writeExport(exportXml(body)));
    const activity = ofResource(records, 'activity');
    expect(activity.map((day) => [day.id, day.data['steps'], day.tzOffset])).toEqual([
      ['2024-03-01', 100, '-05:00'],
      ['2024-03-02', 50, '+09:00'],
    ]);
  });

  it('takes the best origin per hour instead of summing watch and phone (an hour without the watch counts the phone)', async () => {
    const body =
      record(STEPS, WATCH, '2024-03-01 08:00:00 -0500', '2024-03-01 08:30:00 -0500', 1000, 'count') +
      record(STEPS, WATCH, '2024-03-01 08:30:00 -0500', '2024-03-01 08:59:00 -0500', 500, 'count') +
      record(STEPS, PHONE, '2024-03-01 08:00:00 -0500', '2024-03-01 08:59:00 -0500', 1300, 'count') +
      record(STEPS, PHONE, '2024-03-01 19:00:00 -0500', '2024-03-01 19:30:00 -0500', 700, 'count') +
      record(STEPS, OURA, '2024-03-01 10:00:00 -0500', '2024-03-01 10:30:00 -0500', 4000, 'count') +
      record('HKQuantityTypeIdentifierActiveEnergyBurned', WATCH, '2024-03-01 08:00:00 -0500', '2024-03-01 08:30:00 -0500', 418.4, 'kJ') +
      record('HKQuantityTypeIdentifierDistanceWalkingRunning', PHONE, '2024-03-01 08:00:00 -0500', '2024-03-01 08:30:00 -0500', 1, 'mi') +
      record('HKQuantityTypeIdentifierAppleExerciseTime', WATCH, '2024-03-01 08:00:00 -0500', '2024-03-01 08:30:00 -0500', 12, 'min');
    const { records, summary } = await readAll(writeExport(exportXml(body)));
    const [day] = ofResource(records, 'activity');
    expect(day?.data).toEqual({ steps: 1500 + 700, active_calories: 100, distance_m: 1609, floors_climbed: null, active_seconds: 720 });
    expect(day?.raw).toMatchObject({ by_origin: { steps: { apple_watch: 1500, iphone: 2000 } }, copies_left_out: { 'oura:steps': 4000 } });
    expect(summary.copies).toEqual({ oura: 1 });
  });

  it("builds nights from stage samples, keeps the Oura app's copy of the night apart", async () => {
    const night = (writer: typeof WATCH) =>
      record(SLEEP, writer, '2024-03-01 23:00:00 -0500', '2024-03-02 07:00:00 -0500', stage('InBed')) +
      record(SLEEP, writer, '2024-03-01 23:10:00 -0500', '2024-03-02 01:00:00 -0500', stage('AsleepCore')) +
      record(SLEEP, writer, '2024-03-02 01:00:00 -0500', '2024-03-02 02:00:00 -0500', stage('AsleepDeep')) +
      record(SLEEP, writer, '2024-03-02 02:00:00 -0500', '2024-03-02 02:20:00 -0500', stage('Awake')) +
      record(SLEEP, writer, '2024-03-02 02:20:00 -0500', '2024-03-02 04:00:00 -0500', stage('AsleepREM')) +
      record(SLEEP, writer, '2024-03-02 04:00:00 -0500', '2024-03-02 06:50:00 -0500', stage('AsleepCore'));
    const nap = record(SLEEP, PHONE, '2024-03-02 14:00:00 -0500', '2024-03-02 14:40:00 -0500', stage('Asleep'));
    const { records } = await readAll(writeExport(exportXml(night(WATCH) + night(OURA) + nap)));
    const sleep = ofResource(records, 'sleep');
    expect(sleep).toHaveLength(2);
    expect(sleep[0]).toMatchObject({
      day: '2024-03-02',
      start: '2024-03-01T23:00:00-05:00',
      end: '2024-03-02T07:00:00-05:00',
      data: { total_sleep_seconds: 26400, light_sleep_seconds: 280 * 60, deep_sleep_seconds: 3600, rem_sleep_seconds: 6000, awake_seconds: 1200, time_in_bed_seconds: 8 * 3600, efficiency_pct: 91.7 },
    });
    expect(sleep[1]).toMatchObject({ data: { total_sleep_seconds: 2400, deep_sleep_seconds: null, time_in_bed_seconds: 2400 } });
    const copied = ofResource(records, 'copied_sleep');
    expect(copied).toHaveLength(1);
    expect(copied[0]?.data['total_sleep_seconds']).toBe(26400);
    expect(copied[0]?.raw).toMatchObject({ origin: 'copy:oura', source_name: 'Oura' });
  });

  it('reads vitals (HRV as SDNN, SpO2 fractions as %), heart rate as samples, weigh-ins in lb and blood pressure', async () => {
    const at = '2024-03-01 07:00:00 -0500';
    const body =
      record('HKQuantityTypeIdentifierHeartRate', WATCH, at, at, 61, 'count/min') +
      record('HKQuantityTypeIdentifierHeartRate', OURA, '2024-03-01 03:00:00 -0500', '2024-03-01 03:00:00 -0500', 50, 'count/min') +
      record('HKQuantityTypeIdentifierHeartRateVariabilitySDNN', WATCH, at, at, 40, 'ms') +
      record('HKQuantityTypeIdentifierHeartRateVariabilitySDNN', WATCH, '2024-03-01 12:00:00 -0500', '2024-03-01 12:01:00 -0500', 50, 'ms') +
      record('HKQuantityTypeIdentifierHeartRateVariabilitySDNN', PHONE, at, at, 99, 'ms') +
      record('HKQuantityTypeIdentifierRestingHeartRate', WATCH, at, at, 55, 'count/min') +
      record('HKQuantityTypeIdentifierOxygenSaturation', WATCH, at, at, 0.97, '%') +
      record('HKQuantityTypeIdentifierRespiratoryRate', WATCH, at, at, 14.5, 'count/min') +
      record('HKQuantityTypeIdentifierVO2Max', WATCH, at, at, 44.2, 'mL/min·kg') +
      record('HKQuantityTypeIdentifierBodyMass', { sourceName: 'Health', device: '' }, at, at, 165, 'lb', '  <MetadataEntry key="HKWasUserEntered" value="1"/>\n') +
      record('HKQuantityTypeIdentifierBodyMass', HEALTH_MATE, '2024-03-01 07:05:00 -0500', '2024-03-01 07:05:00 -0500', 74.8, 'kg') +
      record('HKQuantityTypeIdentifierBodyFatPercentage', HEALTH_MATE, '2024-03-01 07:05:00 -0500', '2024-03-01 07:05:00 -0500', 0.213, '%') +
      ` <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="Omron" startDate="${at}" endDate="${at}">\n` +
      `  <Record type="HKQuantityTypeIdentifierBloodPressureSystolic" sourceName="Omron" unit="mmHg" startDate="${at}" endDate="${at}" value="118"/>\n` +
      `  <Record type="HKQuantityTypeIdentifierBloodPressureDiastolic" sourceName="Omron" unit="mmHg" startDate="${at}" endDate="${at}" value="76"/>\n </Correlation>\n` +
      record('HKQuantityTypeIdentifierDietaryWater', WATCH, at, at, 1, 'L');
    const { records, samples, summary } = await readAll(writeExport(exportXml(body)));
    expect(ofResource(records, 'vitals')[0]?.data).toEqual({ resting_heart_rate_bpm: 55, hrv_sdnn_ms: 45, spo2_pct: 97, respiratory_rate: 14.5, vo2_max_ml_kg_min: 44.2 });
    expect(samples.map((sample) => [sample.series, sample.value, sample.source])).toEqual([
      ['heart_rate', 61, 'apple_watch'],
      ['hrv_sdnn', 40, 'apple_watch'],
      ['hrv_sdnn', 50, 'apple_watch'],
      ['hrv_sdnn', 99, 'iphone'],
    ]);
    const measures = ofResource(records, 'measures');
    expect(measures.map((entry) => entry.data)).toEqual([
      expect.objectContaining({ weight_kg: 74.843, attribution: 'manual' }),
      expect.objectContaining({ systolic_mmhg: 118, diastolic_mmhg: 76, attribution: 'device' }),
    ]);
    expect(ofResource(records, 'copied_measures').map((entry) => entry.data)).toEqual([expect.objectContaining({ weight_kg: 74.8, fat_ratio_pct: 21.3 })]);
    expect(summary).toMatchObject({ elements: 14, otherTypes: 1, unreadable: 0, copies: { oura: 1, withings: 2 } });
  });

  it('reads workouts in the iOS 16 statistics form and the older total attributes', async () => {
    const dates = 'sourceName="Jo’s Apple Watch" startDate="2024-03-01 08:00:00 -0500" endDate="2024-03-01 08:30:00 -0500"';
    const modern = ` <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" durationUnit="min" ${dates}>\n  <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" sum="310" unit="kcal"/>\n  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" sum="5.2" unit="km"/>\n  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" average="151" minimum="98" maximum="176" unit="count/min"/>\n </Workout>\n`;
    const older = ` <Workout workoutActivityType="HKWorkoutActivityTypeTraditionalStrengthTraining" duration="0.75" durationUnit="hr" totalDistance="0" totalDistanceUnit="km" totalEnergyBurned="200" totalEnergyBurnedUnit="kcal" sourceName="Jo’s Apple Watch" startDate="2021-03-01 18:00:00 +0100" endDate="2021-03-01 18:45:00 +0100"/>\n`;
    const { records } = await readAll(writeExport(exportXml(modern + older)));
    expect(ofResource(records, 'workouts').map((entry) => [entry.day, entry.data])).toEqual([
      ['2024-03-01', expect.objectContaining({ activity: 'running', duration_seconds: 1800, active_calories: 310, distance_m: 5200, average_heart_rate_bpm: 151, max_heart_rate_bpm: 176 })],
      ['2021-03-01', expect.objectContaining({ activity: 'traditional_strength_training', duration_seconds: 2700, calories: 200, distance_m: 0, average_heart_rate_bpm: null })],
    ]);
  });

  it('gives the same ids and content to the same samples in a later export (whose device addresses differ)', async () => {
    const body = (address: string) => {
      const watch = { ...WATCH, device: WATCH.device.replace('0x283e4c8c0', address) };
      return (
        record(SLEEP, watch, '2024-03-01 23:10:00 -0500', '2024-03-02 06:00:00 -0500', stage('AsleepCore')) +
        ` <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="20" durationUnit="min" sourceName="w" device="${watch.device}" startDate="2024-03-01 08:00:00 -0500" endDate="2024-03-01 08:20:00 -0500"/>\n` +
        record(STEPS, watch, '2024-03-01 08:00:00 -0500', '2024-03-01 08:20:00 -0500', 1800, 'count')
      );
    };
    const first = await readAll(writeExport(exportXml(body('0x283e4c8c0'))));
    const second = await readAll(writeExport(exportXml(body('0x1111aaaa0'))));
    expect(second.records).toEqual(first.records);
  });

  it('refuses dates after tomorrow, unknown units and malformed dates, counting them', async () => {
    const body =
      record(STEPS, WATCH, '2031-03-01 08:00:00 -0500', '2031-03-01 08:20:00 -0500', 10, 'count') +
      record('HKQuantityTypeIdentifierBodyMass', WATCH, '2024-03-01 08:00:00 -0500', '2024-03-01 08:00:00 -0500', 10, 'furlong') +
      record(STEPS, WATCH, '2024-02-31 08:00:00 -0500', '2024-02-31 08:20:00 -0500', 10, 'count');
    const { records, summary } = await readAll(writeExport(exportXml(body)));
    expect(records).toEqual([]);
    expect(summary.unreadable).toBe(3);
  });
});
