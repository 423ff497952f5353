/**
 * The export files the simulator can write for the providers whose data comes from a file (no
 * API to imitate): the same synthetic person the API simulators serve. The demo imports them.
 */
import type { SyntheticPerson } from './person.js';
import { writeAppleHealthExport } from './apple-health/export-file.js';

export interface SimulatedExportOptions {
  person: SyntheticPerson;
  exportedAt: Date;
  days: number;
}

/** Writes the export of a file-source provider to `path`; keyed by provider id. */
export const SIMULATED_EXPORTS: Readonly<Record<string, { fileName: string; write(path: string, options: SimulatedExportOptions): Promise<unknown> }>> = {
  'apple-health': { fileName: 'export.zip', write: writeAppleHealthExport },
};
