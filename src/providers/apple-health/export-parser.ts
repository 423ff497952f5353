/**
 * Streams the elements of `export.xml` that carry data, with saxes (strict, streaming, constant
 * memory). Only these shapes are read (everything else, e.g. `ActivitySummary`, clinical records
 * and routes, is passed over):
 *
 * ```xml
 * <ExportDate value="2024-03-05 10:00:00 -0500"/>
 * <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="…" device="…" unit="count/min"
 *         startDate="2024-03-01 07:12:00 -0500" endDate="…" value="62">
 *   <MetadataEntry key="HKWasUserEntered" value="1"/>
 * </Record>
 * <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="…" startDate="…" endDate="…">
 *   <Record type="HKQuantityTypeIdentifierBloodPressureSystolic" … value="120"/>
 *   <Record type="HKQuantityTypeIdentifierBloodPressureDiastolic" … value="80"/>
 * </Correlation>
 * <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" durationUnit="min"
 *          totalDistance="5" totalDistanceUnit="km" totalEnergyBurned="300" totalEnergyBurnedUnit="kcal" …>
 *   <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" average="140" maximum="170" unit="count/min" …/>
 * </Workout>
 * ```
 *
 * Real exports are not always well-formed: iOS 16 wrote a broken internal DTD (which saxes skips
 * without validating) and some exports hold stray control characters (replaced by spaces in
 * `sanitizeChunk` before the parser sees them).
 */
import { SaxesParser } from 'saxes';
import { WearablesError } from '../../core/errors.js';

export type Attributes = Record<string, string>;

/** A top-level `<Record>`; `metadata` holds its `MetadataEntry` pairs (null when it has none). */
export interface RecordItem {
  kind: 'record';
  attributes: Attributes;
  metadata: Attributes | null;
}

/** A `<Correlation>` (blood pressure) with the records inside it. */
export interface CorrelationItem {
  kind: 'correlation';
  attributes: Attributes;
  records: Attributes[];
  metadata: Attributes | null;
}

/** A `<Workout>` with its `WorkoutStatistics` (iOS 16 on; older exports carry totals as attributes). */
export interface WorkoutItem {
  kind: 'workout';
  attributes: Attributes;
  statistics: Attributes[];
  metadata: Attributes | null;
}

export interface ExportDateItem {
  kind: 'export_date';
  value: string;
}

export type ExportItem = RecordItem | CorrelationItem | WorkoutItem | ExportDateItem;

/** Characters XML 1.0 forbids (C0 controls but tab, LF, CR): some exports contain them. */
// eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is the point.
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Replaces characters XML forbids by spaces (inside attribute values only, in a real export). */
export function sanitizeChunk(chunk: string): string {
  FORBIDDEN_CHARACTERS.lastIndex = 0;
  return FORBIDDEN_CHARACTERS.test(chunk) ? chunk.replace(FORBIDDEN_CHARACTERS, ' ') : chunk;
}

export interface ExportParser {
  /** Feeds the next piece of text; complete elements are passed to `onItem` synchronously. */
  write(chunk: string): void;
  /** Ends the document: throws when it is not a complete `HealthData` export. */
  close(): void;
}

/** The `MetadataEntry` keys kept on records: whether the person typed the value in. */
const RECORD_METADATA = new Set(['HKWasUserEntered']);

type Open = RecordItem | CorrelationItem | WorkoutItem;

/** Creates a streaming parser calling `onItem` for each data element, in file order. */
export function createExportParser(onItem: (item: ExportItem) => void): ExportParser {
  const parser = new SaxesParser({ xmlns: false, position: false } as const);
  let root: string | null = null;
  let ended = false;
  let container: CorrelationItem | WorkoutItem | null = null;
  let record: Attributes | null = null;
  let recordMetadata: Attributes | null = null;
  let innermost: Open | null = null;

  parser.on('opentag', (tag) => {
    const attributes: Attributes = tag.attributes;
    if (root === null) root = tag.name;
    switch (tag.name) {
      case 'Record':
        record = attributes;
        recordMetadata = null;
        return;
      case 'MetadataEntry': {
        const key = attributes['key'];
        if (key === undefined) return;
        // A record keeps only the metadata read from records (most carry keys nobody asks about).
        if (record) {
          if (RECORD_METADATA.has(key)) (recordMetadata ??= {})[key] = attributes['value'] ?? '';
        }
        else if (innermost) (innermost.metadata ??= {})[key] = attributes['value'] ?? '';
        return;
      }
      case 'Correlation':
        innermost = container = { kind: 'correlation', attributes, records: [], metadata: null };
        return;
      case 'Workout':
        innermost = container = { kind: 'workout', attributes, statistics: [], metadata: null };
        return;
      case 'WorkoutStatistics':
        if (container?.kind === 'workout') container.statistics.push(attributes);
        return;
      case 'ExportDate':
        if (attributes['value'] !== undefined) onItem({ kind: 'export_date', value: attributes['value'] });
        return;
      default:
        return;
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'Record' && record) {
      if (container?.kind === 'correlation') container.records.push(record);
      else if (!container) onItem({ kind: 'record', attributes: record, metadata: recordMetadata });
      record = null;
      recordMetadata = null;
    } else if ((tag.name === 'Correlation' || tag.name === 'Workout') && container) {
      onItem(container);
      container = innermost = null;
    } else if (tag.name === 'HealthData') {
      ended = true;
    }
  });
  parser.on('error', (error: Error) => {
    throw notAnExport(`export.xml is not well-formed XML (${error.message.slice(0, 160)}).`);
  });

  return {
    write(chunk) {
      parser.write(sanitizeChunk(chunk));
      if (root !== null && root !== 'HealthData') throw notAnExport(`The file's root element is <${root.slice(0, 40)}>, not <HealthData>.`);
    },
    close() {
      parser.close();
      if (root === null) throw notAnExport('The file holds no XML element.');
      if (!ended) throw notAnExport('export.xml ends before </HealthData>: the file is cut short.');
    },
  };
}

function notAnExport(message: string): WearablesError {
  return new WearablesError('VALIDATION_ERROR', message, {
    hint: 'Export again on the iPhone (Health → profile → Export All Health Data) and import the whole export.zip.',
  });
}
