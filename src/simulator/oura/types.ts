/** Shared types of the Oura simulator. */

/** List collections under `/v2/usercollection/` that page `{ data, next_token }` documents. */
export const OURA_COLLECTIONS = [
  'daily_activity',
  'daily_cardiovascular_age',
  'daily_readiness',
  'daily_resilience',
  'daily_sleep',
  'daily_spo2',
  'daily_stress',
  'enhanced_tag',
  'rest_mode_period',
  'ring_configuration',
  'session',
  'sleep',
  'sleep_time',
  'tag',
  'vO2_max',
  'workout',
] as const;

export type OuraCollection = (typeof OURA_COLLECTIONS)[number];

/**
 * Response shape. `v1.29` (default) follows the current spec: `meta` on documents, `id` on
 * cardiovascular age, `timestamp_unix` on heart rate, `sleep_regularity` in readiness.
 * `recorded-2024-12` reproduces the recorded real responses (Dec 2024), which lack those.
 */
export type OuraShape = 'v1.29' | 'recorded-2024-12';

/** An active re-score of one day (cumulative when several apply). */
export interface RescoreEffect {
  /** How many re-scores apply (becomes `meta.version - 1`). */
  count: number;
  /** Added to the sleep and readiness scores. */
  scoreDelta: number;
  /** Awake time re-classified as light sleep, seconds. */
  extraSleepSeconds: number;
  /** When the latest applied re-score happened. */
  atMs: number;
}

export interface RenderContext {
  nowMs: number;
  shape: OuraShape;
  /** When the document first became visible. */
  availableAtMs: number;
  rescore: RescoreEffect | null;
}

/** One Oura document as the store indexes it; the JSON is rendered on demand. */
export interface OuraDocument {
  collection: OuraCollection;
  id: string;
  /** The `day` the document belongs to (null for ring configuration). */
  day: string | null;
  /** Local wall-clock time (`YYYY-MM-DDTHH:MM:SS`) the date filters compare against. */
  filterWall: string;
  /** Instant of `filterWall` (epoch ms), used for ordering and offset-aware filters. */
  sortMs: number;
  /** When the document becomes visible through the API. */
  availableAtMs: number;
  /** The night this document derives from, when it is sleep-derived (`YYYY-MM-DD`). */
  nightOf: string | null;
  /** Renders the JSON body. */
  render(ctx: RenderContext): Record<string, unknown>;
}
