/** Small hand-written exports for the Apple Health tests, written to a temporary folder. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NormalizedRecord, Sample } from '../../../src/core/types.js';
import { readAppleHealthExport } from '../../../src/providers/apple-health/read-export.js';
import type { ImportSummary } from '../../../src/providers/apple-health/export-normalizer.js';

export const WATCH = { sourceName: 'Jo’s Apple Watch', device: '&lt;&lt;HKDevice: 0x283e4c8c0&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:10.3&gt;' };
export const PHONE = { sourceName: 'Jo’s iPhone', device: '&lt;&lt;HKDevice: 0x2812f00a0&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone14,5, software:17.3&gt;' };
export const OURA = { sourceName: 'Oura', device: '' };
export const HEALTH_MATE = { sourceName: 'Health Mate', device: '&lt;&lt;HKDevice: 0x2833aa0c0&gt;, name:Body Cardio, manufacturer:Withings, model:WBS04&gt;' };

type Writer = { sourceName: string; device: string };

/** One `<Record>` line. */
export function record(type: string, writer: Writer, start: string, end: string, value: string | number, unit?: string, children = ''): string {
  const device = writer.device ? ` device="${writer.device}"` : '';
  const unitAttribute = unit ? ` unit="${unit}"` : '';
  const head = ` <Record type="${type}" sourceName="${writer.sourceName}" sourceVersion="1"${device}${unitAttribute} creationDate="${end}" startDate="${start}" endDate="${end}" value="${value}"`;
  return children ? `${head}>\n${children} </Record>\n` : `${head}/>\n`;
}

/** A whole export.xml around `body`. */
export function exportXml(body: string, prologue = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [\n<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout)*)>\n${prologue}]>\n<HealthData locale="en_US">\n <ExportDate value="2024-03-05 10:00:00 -0500"/>\n <Me HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexNotSet"/>\n${body}</HealthData>\n`;
}

/** Writes `text` as export.xml in a fresh folder and returns its path. */
export function writeExport(text: string, name = 'export.xml'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'apple-health-')), name);
  writeFileSync(path, text);
  return path;
}

export const NOW = new Date('2024-03-06T12:00:00Z');

/** Reads an export completely. */
export async function readAll(path: string, now = NOW): Promise<{ records: NormalizedRecord[]; samples: Sample[]; summary: ImportSummary }> {
  const reading = readAppleHealthExport(path, { now });
  const records: NormalizedRecord[] = [];
  const samples: Sample[] = [];
  for await (const page of reading.pages) {
    records.push(...page.records);
    samples.push(...page.samples);
  }
  return { records, samples, summary: reading.summary };
}

/** The records of one resource. */
export function ofResource(records: readonly NormalizedRecord[], resource: string): Array<NormalizedRecord & { data: Record<string, unknown> }> {
  // Tests read fields of several kinds by name: the typed union is widened to a plain map here.
  return records.filter((entry) => entry.resource === resource) as Array<NormalizedRecord & { data: Record<string, unknown> }>;
}
