/** Every provider's day-view declaration. A new provider adds its table here and nothing else. */
import type { ResourceMapping } from '../source-mapping.js';
import { OURA_MAPPINGS } from '../../providers/oura/day-view.js';
import { WHOOP_MAPPINGS } from '../../providers/whoop/day-view.js';
import { WITHINGS_MAPPINGS } from '../../providers/withings/day-view.js';

export const SOURCE_MAPPINGS: readonly ResourceMapping[] = [...OURA_MAPPINGS, ...WHOOP_MAPPINGS, ...WITHINGS_MAPPINGS];
