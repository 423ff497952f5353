/** Every provider's day-view declaration, read from the provider registry (a module's `dayView.mappings`). */
import { PROVIDER_MODULES } from '../../providers/registry.js';
import type { ResourceMapping } from '../source-mapping.js';

export const SOURCE_MAPPINGS: readonly ResourceMapping[] = PROVIDER_MODULES.flatMap((module) => module.dayView.mappings);
