/** The shape every provider id has, checked where ids enter the store and the tokens file. */

/** Lowercase letters, digits and dashes, starting with a letter, at most 32 characters (`acme-band`). */
export const PROVIDER_ID_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

/** Whether `value` has the shape of a provider id. */
export function isProviderIdShape(value: unknown): value is string {
  return typeof value === 'string' && PROVIDER_ID_PATTERN.test(value);
}
