/** The export_data and get_observations tool handlers over a real seeded cache. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
// Seeded from the recorded Oura samples of ../shared: skipped (one line) when that folder is absent.
import { describeShared as describe } from '../support/shared.js';
import type { AppContext } from '../../src/app/app-context.js';
import type { ToolContext } from '../../src/mcp/tools/define-tool.js';
import { exportDataTool } from '../../src/mcp/tools/core/export-data.js';
import { getObservations } from '../../src/mcp/tools/core/get-observations.js';
import { HR_COUNT, seedStore, type Seeded } from './seed.js';

let seeded: Seeded;
let context: ToolContext;
const progress: Array<[number, number | undefined]> = [];

beforeAll(async () => {
  seeded = await seedStore();
  // Only the parts of the app context these tools read (store, providers, home, clock).
  const app = { store: seeded.store, providers: seeded.providers, config: { home: seeded.dir, exportRoots: [], demo: false, logFile: null }, now: () => new Date('2025-01-01T00:00:00Z') } as unknown as AppContext;
  context = { app, progress: (done, total) => progress.push([done, total]), signal: new AbortController().signal };
});
afterAll(async () => seeded.cleanup());

describe('export_data tool', () => {
  it('writes under <home>/exports and returns paths, rows and bytes, never the data', async () => {
    const input = exportDataTool.input.parse({ kind: 'heartrate', format: 'parquet', path: 'hr.parquet', start_date: '2024-11-11', end_date: '2024-11-11' });
    const answer = await exportDataTool.handle(input, context);
    const path = join(seeded.dir, 'exports', 'hr.parquet');
    expect(answer).toEqual({ root: 'exports', files: [{ path: 'hr.parquet', provider: 'oura', resource: 'heartrate', rows: HR_COUNT, bytes: expect.any(Number) }], total_rows: HR_COUNT });
    expect(existsSync(path)).toBe(true);
    expect(progress.at(-1)).toEqual([HR_COUNT, HR_COUNT]);
    await expect(exportDataTool.handle(input, context)).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    expect(exportDataTool.annotations.readOnlyHint).toBe(false);
  });
});

describe('get_observations tool', () => {
  it('answers compact rows with next_offset inside the budget', async () => {
    const answer = await getObservations.handle(getObservations.input.parse({ metric: 'heart_rate', start_date: '2024-11-11', end_date: '2024-11-11', limit: 500 }), context);
    expect(Buffer.byteLength(JSON.stringify(answer))).toBeLessThanOrEqual(8_000);
    expect(answer.count).toBeGreaterThan(10);
    expect(answer.next_offset).toBe(answer.count);
    expect(answer.observations[0]).toEqual({ metric: 'heart_rate', date: '2024-11-11T12:00:00.000Z', value: 60, unit: '/min', source: `oura/heartrate/${Date.UTC(2024, 10, 11, 12)}` });
    expect(getObservations.annotations.readOnlyHint).toBe(true);
  });

  it('returns FHIR resources with full: true', async () => {
    const answer = await getObservations.handle(getObservations.input.parse({ metric: '93832-4', full: true }), context);
    expect(answer.metrics[0]).toMatchObject({ metric: 'sleep_duration', system: 'http://loinc.org', code: '93832-4' });
    expect(answer.observations[0]).toMatchObject({ resourceType: 'Observation', status: 'final', valueQuantity: { value: 23220, code: 's' } });
  });
});
