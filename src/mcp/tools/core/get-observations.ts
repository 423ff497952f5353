/**
 * `get_observations`: health metrics as FHIR R4 Observations from every provider that measures
 * them (heart rate, HRV RMSSD, sleep durations, SpO2, steps, weight, ...), by metric name or code,
 * for a local day range. Compact by default (date, value, unit, source); `full: true` returns the
 * Observation resources. Reads the local cache only.
 */
import { z } from 'zod';
import { PROVIDER_IDS } from '../../../providers/registry.js';
import { METRICS } from '../../../export/fhir/metrics.js';
import { compactObservation, queryObservations } from '../../../export/fhir/query-observations.js';
import { defineTool } from '../define-tool.js';
import { assertDayInBounds } from '../shared/day-range.js';
import { dayInput, offsetInput } from '../shared/inputs.js';

const BUDGET_BYTES = 8_000;
/** Longest metric name or code (`http://loinc.org|8867-4` is 22 characters). */
const MAX_CODE_LENGTH = 200;

export const getObservations = defineTool({
  name: 'get_observations',
  title: 'FHIR observations',
  description: `Health metrics as FHIR R4 Observations (LOINC where verified, else the project code system), from the local cache, for a local day range. metric: a name such as body_weight, blood_pressure, heart_rate, resting_heart_rate, hrv_rmssd, steps, sleep_duration, oxygen_saturation, vo2_max (an unknown name answers with all ${METRICS.length}) or a code such as 8867-4. Compact rows by default; full: true returns Observation resources. Page with offset=next_offset.`,
  toolset: 'core',
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  budgetBytes: BUDGET_BYTES,
  truncationHint: 'Narrow the date range, or continue with offset=next_offset.',
  keyParameters: ['metric', 'start_date', 'end_date', 'full'],
  input: z.object({
    metric: z.string().min(1).max(MAX_CODE_LENGTH).describe('Metric name (heart_rate, hrv_rmssd, steps, ...) or code (8867-4, http://loinc.org|8867-4).'),
    start_date: dayInput().optional().describe('First local day, YYYY-MM-DD (inclusive). Default: every cached day.'),
    end_date: dayInput().optional().describe('Last local day, YYYY-MM-DD (inclusive).'),
    provider: z.enum(PROVIDER_IDS).optional(),
    full: z.boolean().optional().describe('Return full FHIR Observation resources (default false: compact rows).'),
    limit: z.number().int().min(1).max(500).optional().describe('Observations per answer (default 50, 10 with full).'),
    offset: offsetInput().optional(),
  }),
  output: z.object({
    metrics: z.array(z.object({ metric: z.string(), display: z.string(), system: z.string(), code: z.string(), unit: z.string() })),
    observations: z.array(z.record(z.string(), z.unknown())),
    count: z.number().int(),
    next_offset: z.number().int().nullable(),
  }),
  async handle(input, context) {
    const full = input.full ?? false;
    const now = context.app.now();
    if (input.start_date !== undefined) assertDayInBounds(input.start_date, 'start_date', now);
    if (input.end_date !== undefined) assertDayInBounds(input.end_date, 'end_date', now);
    const answer = await queryObservations({
      store: context.app.store,
      providers: context.app.providers,
      metric: input.metric,
      ...(input.start_date ? { start: input.start_date } : {}),
      ...(input.end_date ? { end: input.end_date } : {}),
      ...(input.provider ? { provider: input.provider } : {}),
      limit: input.limit ?? (full ? 10 : 50),
      ...(input.offset !== undefined ? { offset: input.offset } : {}),
    });
    const rows: Array<Record<string, unknown>> = answer.observations.map((observation) => (full ? { ...observation } : { ...compactObservation(observation) }));
    // Cut to the budget here (not in the response builder) so next_offset continues right after the last row shown.
    let kept = rows.length;
    const build = (count: number) => ({
      metrics: answer.metrics,
      observations: rows.slice(0, count),
      count,
      next_offset: count < rows.length ? (input.offset ?? 0) + count : answer.nextOffset,
    });
    while (kept > 1 && Buffer.byteLength(JSON.stringify(build(kept))) > BUDGET_BYTES) kept = Math.max(1, Math.floor(kept * 0.8));
    return build(kept);
  },
});
