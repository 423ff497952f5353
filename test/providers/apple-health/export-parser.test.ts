import { describe, expect, it } from 'vitest';
import { createExportParser, type ExportItem } from '../../../src/providers/apple-health/export-parser.js';
import { WearablesError } from '../../../src/core/errors.js';
import { exportXml, NOW, readAll, record, WATCH, writeExport } from './export-fixture.js';

function parse(text: string, chunkSize = 7): ExportItem[] {
  const items: ExportItem[] = [];
  const parser = createExportParser((item) => items.push(item));
  for (let index = 0; index < text.length; index += chunkSize) parser.write(text.slice(index, index + chunkSize));
  parser.close();
  return items;
}

const BP = ` <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="Health" sourceVersion="1" creationDate="2024-03-01 21:00:00 -0500" startDate="2024-03-01 21:00:00 -0500" endDate="2024-03-01 21:00:00 -0500">
  <MetadataEntry key="HKWasUserEntered" value="1"/>
  <Record type="HKQuantityTypeIdentifierBloodPressureSystolic" sourceName="Health" unit="mmHg" startDate="2024-03-01 21:00:00 -0500" endDate="2024-03-01 21:00:00 -0500" value="121"/>
  <Record type="HKQuantityTypeIdentifierBloodPressureDiastolic" sourceName="Health" unit="mmHg" startDate="2024-03-01 21:00:00 -0500" endDate="2024-03-01 21:00:00 -0500" value="79"/>
 </Correlation>
`;

describe('export parser', () => {
  it('reads records with metadata, correlations with their records and workouts with statistics, across any chunking', () => {
    const hr = record('HKQuantityTypeIdentifierHeartRate', WATCH, '2024-03-01 07:12:00 -0500', '2024-03-01 07:12:00 -0500', 62, 'count/min', '  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n  <MetadataEntry key="HKWasUserEntered" value="1"/>\n');
    const workout = ` <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" durationUnit="min" sourceName="x" startDate="2024-03-01 08:00:00 -0500" endDate="2024-03-01 08:30:00 -0500">\n  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" average="140" unit="count/min"/>\n  <WorkoutRoute sourceName="x"><FileReference path="/workout-routes/a.gpx"/></WorkoutRoute>\n </Workout>\n`;
    const text = exportXml(hr + BP + workout);
    for (const size of [3, 64, text.length]) {
      const items = parse(text, size);
      expect(items.map((item) => item.kind)).toEqual(['export_date', 'record', 'correlation', 'workout']);
      const [, heart, pressure, run] = items;
      expect(heart).toMatchObject({ attributes: { value: '62', device: expect.stringContaining('<<HKDevice') }, metadata: { HKWasUserEntered: '1' } });
      expect((heart as { metadata: object }).metadata).not.toHaveProperty('HKMetadataKeyHeartRateMotionContext');
      expect(pressure).toMatchObject({ metadata: { HKWasUserEntered: '1' }, records: [{ value: '121' }, { value: '79' }] });
      expect(run).toMatchObject({ statistics: [{ average: '140' }] });
    }
  });

  it('passes over the broken DTD of iOS 16 exports and control characters some exports hold', () => {
    const broken = '<!ATTLIST VisionPrescription\n  type CDATA #REQUIRED\n  brand CDATA #IMPLIED\n<!ELEMENT Attachment EMPTY>\n';
    const hr = record('HKQuantityTypeIdentifierHeartRate', { sourceName: 'Watch\u000b', device: '' }, '2024-03-01 07:12:00 -0500', '2024-03-01 07:12:00 -0500', 62, 'count/min');
    const items = parse(exportXml(hr, broken));
    expect(items[1]).toMatchObject({ kind: 'record', attributes: { sourceName: 'Watch ' } });
  });

  it('refuses a cut-short export, another XML document and a file that is not XML', async () => {
    const full = exportXml(record('HKQuantityTypeIdentifierStepCount', WATCH, '2024-03-01 07:12:00 -0500', '2024-03-01 07:20:00 -0500', 10, 'count'));
    const cases = [full.slice(0, full.length - 20), '<?xml version="1.0"?>\n<ClinicalDocument></ClinicalDocument>\n', 'PK not an export at all'];
    for (const text of cases) {
      const error = await readAll(writeExport(text), NOW).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WearablesError);
      expect((error as WearablesError).code).toBe('VALIDATION_ERROR');
      expect((error as WearablesError).hint).toMatch(/Export/);
    }
  });
});
