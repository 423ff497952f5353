/**
 * Writes an Apple Health export of the synthetic person — the same person the Oura, WHOOP and
 * Withings simulators serve — as `export.xml` or as the `export.zip` the Health app shares
 * (`apple_health_export/export.xml` inside), streamed so a large one never sits in memory.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { SyntheticPerson } from '../person.js';
import { activityDayStartMs } from '../person/activity.js';
import { addDays, HOUR_MS, localDay } from '../time.js';
import { appleDayRecords } from './apple-day.js';
import { healthMateCopies, ouraCopies } from './copies.js';
import { RecordRenderer } from './writers.js';
import { appleDate, EPILOGUE, prologue } from './xml.js';

export interface AppleExportOptions {
  person: SyntheticPerson;
  /** The instant the export is made: only activity days complete by then are in it. */
  exportedAt: Date;
  /** How many days back from the export's day it reaches (default 30). */
  days?: number;
  /** Leave out what the Oura and Health Mate apps copied (default: included). */
  withoutCopies?: boolean;
}

export interface AppleExportResult {
  /** `Record`, `Correlation` and `Workout` elements written. */
  elements: number;
  firstDay: string;
  lastDay: string;
}

function countElements(text: string): number {
  let count = 0;
  for (const line of text.split('\n')) if (/^ <(Record|Correlation|Workout) /.test(line)) count++;
  return count;
}

/** The export's text, chunk by chunk (one day per chunk); `result` is complete when it ends. */
export function exportChunks(options: AppleExportOptions): { chunks: AsyncGenerator<string>; result: AppleExportResult } {
  const { person, exportedAt } = options;
  const exportMs = exportedAt.getTime();
  const lastDay = localDay(exportMs, person.offsetAt(exportMs));
  const firstDay = addDays(lastDay, -((options.days ?? 30) - 1));
  const result: AppleExportResult = { elements: 0, firstDay, lastDay };
  const render = new RecordRenderer(exportedAt.toISOString());
  async function* chunks(): AsyncGenerator<string> {
    yield prologue(appleDate(exportMs, person.offsetAt(exportMs)));
    const days = person.days().filter((day) => day.day >= firstDay && day.day <= lastDay);
    const first = days[0];
    const rangeStart = first ? activityDayStartMs(first.day, first.offsetMinutes) : exportMs;
    const measures = options.withoutCopies ? [] : healthMateCopies(render, person, rangeStart, exportMs);
    for (const [index, day] of days.entries()) {
      const next = days[index + 1] ?? person.day(addDays(day.day, 1));
      const start = activityDayStartMs(day.day, day.offsetMinutes);
      const end = next ? activityDayStartMs(next.day, next.offsetMinutes) : start + 24 * HOUR_MS;
      if (end > exportMs) break;
      const texts = appleDayRecords(render, person, day, next);
      if (!options.withoutCopies) texts.push(...ouraCopies(render, day), ...measures.filter((entry) => entry.ms >= start && entry.ms < end).map((entry) => entry.text));
      const text = texts.join('');
      result.elements += countElements(text);
      result.lastDay = day.day;
      yield text;
    }
    yield EPILOGUE;
  }
  return { chunks: chunks(), result };
}

/** Writes the export to `path`: a zip when `path` ends in `.zip`, else the bare export.xml. */
export async function writeAppleHealthExport(path: string, options: AppleExportOptions): Promise<AppleExportResult> {
  const { chunks, result } = exportChunks(options);
  const text = Readable.from(chunks);
  if (!path.endsWith('.zip')) {
    await pipeline(text, createWriteStream(path, { mode: 0o600 }));
    return result;
  }
  const zip = new yazl.ZipFile();
  zip.addReadStream(text, 'apple_health_export/export.xml', { mtime: options.exportedAt });
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path, { mode: 0o600 }));
  return result;
}
