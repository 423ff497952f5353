/** The Oura webhook data types (`ExtApiV2DataType`, API v1.29) that map to resources we sync. */

/** Oura data types we can subscribe to; each is also the name of our resource. */
export const OURA_WEBHOOK_DATA_TYPES = [
  'tag',
  'enhanced_tag',
  'workout',
  'session',
  'sleep',
  'daily_sleep',
  'daily_readiness',
  'daily_activity',
  'daily_spo2',
  'sleep_time',
  'rest_mode_period',
  'ring_configuration',
  'daily_stress',
  'daily_cardiovascular_age',
  'daily_resilience',
  'vo2_max',
] as const;

/** Oura `WebhookOperation`s and the change kinds they announce. */
export const OURA_EVENT_TYPES = { create: 'created', update: 'updated', delete: 'deleted' } as const;

export type OuraEventType = keyof typeof OURA_EVENT_TYPES;
