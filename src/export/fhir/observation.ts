/**
 * Builds FHIR R4 Observations from cached records and samples, following the mapping table.
 * Ids are deterministic (a hash of provider, resource, record id and metric, shaped as a UUID so
 * `urn:uuid:` full URLs work), so exporting the same data twice yields identical resources.
 */
import { createHash } from 'node:crypto';
import type { Sample } from '../../core/types.js';
import type { Provider } from '../../providers/provider.js';
import type { StoredRecord } from '../../store/store.js';
import { OBSERVATION_CATEGORY, RECORD_IDENTIFIER_SYSTEM, UCUM, providerSourceUri } from './code-systems.js';
import { metricDefinition, type MetricDefinition, type MetricSource } from './metrics.js';

interface Quantity {
  value: number;
  unit: string;
  system: string;
  code: string;
}

interface CodeableConcept {
  coding: Array<{ system: string; code: string; display: string }>;
  text?: string;
}

/** The subset of the FHIR R4 Observation this export writes. */
export interface Observation {
  resourceType: 'Observation';
  id: string;
  meta: { source: string; profile?: string[] };
  identifier: Array<{ system: string; value: string }>;
  status: 'final';
  category?: CodeableConcept[];
  code: CodeableConcept;
  subject: { display: string };
  effectiveDateTime?: string;
  effectivePeriod?: { start: string; end: string };
  device: { display: string };
  valueQuantity?: Quantity;
  component?: Array<{ code: CodeableConcept; valueQuantity: Quantity }>;
}

/** A deterministic UUID-shaped id for (provider, resource, record id, metric). */
export function observationId(provider: string, resource: string, recordId: string, metric: string): string {
  const hex = createHash('sha256').update(`${provider}\u0000${resource}\u0000${recordId}\u0000${metric}`).digest('hex');
  // Version 8 ("custom") and the RFC 4122 variant, so the id is a well-formed UUID.
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The Observation of `source`'s metric in `record`, or null when the record has no value for it. */
export function observationFromRecord(provider: Provider, source: MetricSource, record: StoredRecord): Observation | null {
  if (!recordSelected(source, record)) return null;
  const definition = metricDefinition(source.metric);
  const model = source.deviceField ? record.data[source.deviceField] : undefined;
  const base = {
    ...baseObservation(provider, definition, record.resource, record.id),
    ...(typeof model === 'string' && model.trim() !== '' ? { device: { display: `${provider.displayName} ${model.trim()}` } } : {}),
  };
  const effective = recordEffective(record);
  if (definition.components && source.componentFields) {
    const component = definition.components.flatMap(({ key, coding }) => {
      const value = numeric(record.data[source.componentFields?.[key] ?? ''], source.scale);
      return value === null ? [] : [{ code: { coding: [coding], text: coding.display }, valueQuantity: quantity(definition, value) }];
    });
    return component.length === 0 ? null : { ...base, ...effective, component };
  }
  const value = firstNumeric(record, source);
  return value === null ? null : { ...base, ...effective, valueQuantity: quantity(definition, value) };
}

/** Whether `record` passes the source's rules (no `skipWhen` match, every `onlyWhen` matched). */
export function recordSelected(source: MetricSource, record: StoredRecord): boolean {
  if (source.skipWhen?.some((rule) => record.data[rule.field] === rule.equals)) return false;
  return source.onlyWhen?.every((rule) => record.data[rule.field] === rule.equals) ?? true;
}

/** The value of the source's field, or of the first of its fields holding a number. */
function firstNumeric(record: StoredRecord, source: MetricSource): number | null {
  const fields = typeof source.field === 'string' ? [source.field] : (source.field ?? []);
  for (const field of fields) {
    const value = numeric(record.data[field], source.scale);
    if (value !== null) return value;
  }
  return null;
}

/** The Observation of one series sample (heart rate ...). */
export function observationFromSample(provider: Provider, source: MetricSource, sample: Sample): Observation | null {
  const definition = metricDefinition(source.metric);
  const value = numeric(sample.value, source.scale);
  if (value === null) return null;
  const base = baseObservation(provider, definition, source.resource, String(sample.ts));
  return { ...base, effectiveDateTime: new Date(sample.ts).toISOString(), valueQuantity: quantity(definition, value) };
}

function baseObservation(provider: Provider, definition: MetricDefinition, resource: string, recordId: string): Omit<Observation, 'valueQuantity'> {
  return {
    resourceType: 'Observation',
    id: observationId(provider.id, resource, recordId, definition.metric),
    meta: { source: providerSourceUri(provider.id), ...(definition.profile ? { profile: [definition.profile] } : {}) },
    identifier: [{ system: RECORD_IDENTIFIER_SYSTEM, value: `${provider.id}/${resource}/${recordId}/${definition.metric}` }],
    status: 'final',
    ...(definition.category
      ? { category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: definition.category, display: CATEGORY_DISPLAY[definition.category] }] }] }
      : {}),
    code: { coding: definition.codings.map((coding) => ({ ...coding })), text: definition.display },
    // The vital-signs profiles require a subject; the export is one person's data, named by role only.
    subject: { display: SUBJECT_DISPLAY },
    device: { display: provider.displayName },
  };
}

/** The subject of every Observation: the wearer, never an account id or name. */
export const SUBJECT_DISPLAY = 'Device wearer';

const CATEGORY_DISPLAY = { 'vital-signs': 'Vital Signs', activity: 'Activity' } as const;

/**
 * When the value was observed: the record's span (sleep), its instant, its local day, or for
 * snapshots without a time axis (profile weight/height) the last time the provider changed it
 * (else when it was stored).
 */
function recordEffective(record: StoredRecord): Pick<Observation, 'effectiveDateTime' | 'effectivePeriod'> {
  const start = fhirDateTime(record.start);
  const end = fhirDateTime(record.end);
  if (start && end) return { effectivePeriod: { start, end } };
  if (start) return { effectiveDateTime: start };
  if (record.day) return { effectiveDateTime: record.day };
  return { effectiveDateTime: fhirDateTime(record.updatedAt) ?? record.storedAt };
}

const FHIR_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 timestamp in FHIR dateTime form (seconds present), or null. */
function fhirDateTime(value: string | null): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) return null;
  return FHIR_DATE_TIME.test(value) ? value : new Date(ms).toISOString();
}

function numeric(value: unknown, scale = 1): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  // Round away float noise from scaling (1.8 m * 100 = 180.00000000000003 cm).
  return scale === 1 ? value : Math.round(value * scale * 1e6) / 1e6;
}

function quantity(definition: MetricDefinition, value: number): Quantity {
  return { value, unit: definition.unit.display, system: UCUM, code: definition.unit.code };
}
