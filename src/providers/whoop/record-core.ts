/** The identity/time part of a WHOOP record each normalizer fills; `provider`, `resource`, `raw` are added later. */
import type { NormalizedRecord } from '../../core/types.js';

export type RecordCore = Omit<NormalizedRecord, 'provider' | 'resource' | 'raw'>;
