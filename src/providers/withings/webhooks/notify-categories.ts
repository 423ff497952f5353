/** Withings notification categories (`appli`) and the resources each one refreshes. */

/** `appli` → resources to refresh (categories we do not sync are absent). */
export const WITHINGS_APPLI_RESOURCES: Readonly<Record<number, readonly string[]>> = {
  1: ['measures'], // weight and body composition
  2: ['measures'], // temperature
  4: ['measures'], // blood pressure, heart rate, SpO2
  16: ['activity', 'workouts'], // activity
  44: ['sleep_summary', 'sleep_series'], // sleep
  54: ['heart_records'], // ECG
  62: ['measures'], // SpO2 (automatic)
};

/** The categories `webhooks subscribe withings` subscribes to by default. */
export const WITHINGS_DEFAULT_APPLIS: readonly number[] = [1, 4, 16, 44, 54];

/** The categories that notify about `resource`. */
export function applisFor(resource: string): number[] {
  return WITHINGS_DEFAULT_APPLIS.filter((appli) => WITHINGS_APPLI_RESOURCES[appli]?.includes(resource));
}
