/**
 * The apps and devices that write into the simulated person's HealthKit: Apple's own (the Watch,
 * the iPhone, the Health app for typed-in values) and the apps of the other providers, which copy
 * their data in (the Oura app, Withings' Health Mate).
 */
import { hashString } from '../prng.js';
import { appleDate, element } from './xml.js';

export interface Writer {
  sourceName: string;
  sourceVersion: string;
  /** `name:…, manufacturer:…` part of the device description, or null (typed-in values). */
  device: string | null;
}

export const WATCH: Writer = { sourceName: 'Sam’s Apple Watch', sourceVersion: '10.3', device: 'name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:10.3' };
export const IPHONE: Writer = { sourceName: 'Sam’s iPhone', sourceVersion: '17.3', device: 'name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone14,5, software:17.3' };
export const HEALTH_APP: Writer = { sourceName: 'Health', sourceVersion: '17.3', device: null };
export const OURA_APP: Writer = { sourceName: 'Oura', sourceVersion: '5.12.0', device: 'name:Oura Ring, manufacturer:Oura Health Oy, model:Gen3, hardware:Gen3, software:2.9.22' };
export const HEALTH_MATE: Writer = { sourceName: 'Health Mate', sourceVersion: '6.3.1', device: 'name:Body Cardio, manufacturer:Withings, model:WBS04, hardware:WBS04, software:1.0' };

/**
 * Renders the records of one export. HealthKit prints a device's object address into its
 * description, which differs from one export to the next: `exportSalt` varies it the same way.
 */
export class RecordRenderer {
  constructor(private readonly exportSalt: string) {}

  private deviceText(writer: Writer): string | null {
    if (!writer.device) return null;
    const address = (hashString(`${this.exportSalt}:${writer.sourceName}`) >>> 0).toString(16).padStart(9, '0');
    return `<<HKDevice: 0x${address}>, ${writer.device}>`;
  }

  /** Attributes every sample carries. */
  common(writer: Writer, startMs: number, endMs: number, offset: number): Record<string, string | null> {
    return {
      sourceName: writer.sourceName,
      sourceVersion: writer.sourceVersion,
      device: this.deviceText(writer),
      creationDate: appleDate(endMs + 60_000, offset),
      startDate: appleDate(startMs, offset),
      endDate: appleDate(endMs, offset),
    };
  }

  /** A quantity sample. */
  quantity(type: string, writer: Writer, startMs: number, endMs: number, offset: number, value: number, unit: string, metadata: Record<string, string> = {}): string {
    const { sourceName, sourceVersion, device, ...dates } = this.common(writer, startMs, endMs, offset);
    const children = Object.entries(metadata).map(([key, entry]) => element('MetadataEntry', { key, value: entry }, [], '  '));
    return element('Record', { type: `HKQuantityTypeIdentifier${type}`, sourceName, sourceVersion, device, unit, ...dates, value }, children);
  }

  /** A sleep analysis sample (`AsleepCore`, `InBed` ...). */
  sleep(writer: Writer, startMs: number, endMs: number, offset: number, stage: string): string {
    const { sourceName, sourceVersion, device, ...dates } = this.common(writer, startMs, endMs, offset);
    return element('Record', { type: 'HKCategoryTypeIdentifierSleepAnalysis', sourceName, sourceVersion, device, ...dates, value: `HKCategoryValueSleepAnalysis${stage}` });
  }

  /** A blood-pressure correlation of two samples. */
  bloodPressure(writer: Writer, atMs: number, offset: number, systolic: number, diastolic: number): string {
    const { sourceName, sourceVersion, device, ...dates } = this.common(writer, atMs, atMs, offset);
    const inner = [this.quantity('BloodPressureSystolic', writer, atMs, atMs, offset, systolic, 'mmHg'), this.quantity('BloodPressureDiastolic', writer, atMs, atMs, offset, diastolic, 'mmHg')].map(
      (text) => text.replace(/^ /gm, '  '),
    );
    return element('Correlation', { type: 'HKCorrelationTypeIdentifierBloodPressure', sourceName, sourceVersion, device, ...dates }, inner);
  }
}
