/**
 * `GET /fhir/metadata`: the CapabilityStatement of the FHIR read API, declaring exactly what it
 * does: FHIR R4 (4.0.1), JSON, Observation `read` and `search-type` with the `code` and `date`
 * parameters, `_count` and paging by `next` links; nothing else (no write, no history, no other
 * resource type).
 */
import { PACKAGE_VERSION } from '../../core/version.js';
import { DEFAULT_COUNT, MAX_COUNT, MAX_CODES, MAX_DATE_PARAMS } from './search-params.js';

export const FHIR_VERSION = '4.0.1';

/** The statement for a server whose FHIR base is `fhirBase` (`<public URL>/fhir`). */
export function capabilityStatement(fhirBase: string, now: Date): Record<string, unknown> {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: now.toISOString(),
    publisher: 'wearables-mcp',
    kind: 'instance',
    software: { name: 'wearables-mcp', version: PACKAGE_VERSION },
    implementation: { description: 'Wearable observations of this server\'s account (every connected provider), read-only', url: fhirBase },
    fhirVersion: FHIR_VERSION,
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation: `Read-only. Every request needs Authorization: Bearer <token> (the token of /mcp). Searches answer a searchset Bundle of at most _count entries (default ${DEFAULT_COUNT}, at most ${MAX_COUNT}) with a next link while more remain; no total. Unknown parameters are refused (400) unless Prefer: handling=lenient.`,
        security: {
          cors: true,
          description: 'Bearer token, the same as the MCP endpoint (AUTH_TOKEN locally; an OAuth access token on a hosted server).',
        },
        resource: [
          {
            type: 'Observation',
            profile: 'http://hl7.org/fhir/StructureDefinition/Observation',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            versioning: 'no-version',
            readHistory: false,
            updateCreate: false,
            searchParam: [
              {
                name: 'code',
                definition: 'http://hl7.org/fhir/SearchParameter/clinical-code',
                type: 'token',
                documentation: `system|code, code or the metric name (LOINC where verified, else the project code system); up to ${MAX_CODES} comma-separated (OR); repeated parameters AND. A code no metric maps matches nothing.`,
              },
              {
                name: 'date',
                definition: 'http://hl7.org/fhir/SearchParameter/clinical-date',
                type: 'date',
                documentation: `Prefixes eq (default), ne, gt, lt, ge, le, sa, eb on effective[x]; a day, month or year without a time is in the server's time zone, a time needs Z or an offset; up to ${MAX_DATE_PARAMS} repeats (AND).`,
              },
            ],
          },
        ],
      },
    ],
  };
}
