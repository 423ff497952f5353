/** The identity/time part and typed `data` of a WHOOP record each normalizer fills; `provider`, `resource`, `raw` are added later. */
export type { KindCore, RecordCore } from '../../core/records/record.js';
