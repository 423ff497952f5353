/** FHIR code systems and URIs used by the Observation export. */

/** LOINC. Used only for codes verified to mean exactly what is measured. */
export const LOINC = 'http://loinc.org';

/** UCUM, the unit system of every `valueQuantity`. */
export const UCUM = 'http://unitsofmeasure.org';

/** HL7 observation categories (`vital-signs`, `activity`). */
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

/** The project's base URI; everything project-defined hangs below it. */
export const PROJECT_FHIR_BASE = 'https://github.com/wearables-mcp/wearables-mcp/fhir';

/**
 * The project code system for metrics without a verified LOINC code: RMSSD heart-rate variability
 * (LOINC 80404-7 is SDNN, a different statistic), VO2 max, provider scores (readiness, recovery,
 * strain), stress, temperature deviation, skin temperature (not core body temperature), body
 * composition (fat, muscle, bone, water), pulse wave velocity, ECG intervals, cardiovascular age.
 * Codes are the metric names of `metrics.ts` (`hrv_rmssd`, `skin_temperature`, ...).
 */
export const PROJECT_METRIC_SYSTEM = `${PROJECT_FHIR_BASE}/CodeSystem/metric`;

/** Identifier system of the cached record an Observation was derived from (`<provider>/<resource>/<id>/<metric>`). */
export const RECORD_IDENTIFIER_SYSTEM = `${PROJECT_FHIR_BASE}/NamingSystem/record`;

/** `meta.source` of Observations from a provider. */
export function providerSourceUri(provider: string): string {
  return `${PROJECT_FHIR_BASE}/source/${provider}`;
}
