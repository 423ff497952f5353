/**
 * The Apple Health provider: a file source. There is no Apple Health API to pull from; the person
 * exports everything from the Health app on the iPhone (profile → Export All Health Data) and
 * imports the `export.zip` (or the `export.xml` inside it): `wearables-mcp import apple-health
 * <file>`, or the `import_data` tool for a file in the import folder. Writes go through the sync
 * engine like any fetch (lock, audit row, events only for real changes).
 */
import { WearablesError } from '../../core/errors.js';
import type { Provider } from '../provider.js';
import { defineProviderModule } from '../provider-module.js';
import { APPLE_HEALTH_MAPPINGS } from './day-view.js';
import { APPLE_HEALTH_SOURCES } from './fhir.js';
import { APPLE_HEALTH_RESOURCES } from './resources.js';

const ID = 'apple-health';
const DISPLAY_NAME = 'Apple Health';
const CAPABILITIES = { pull: false, webhook: false, oauth: false, personalToken: false, fileImport: true };

function notPulled(): WearablesError {
  return new WearablesError('VALIDATION_ERROR', 'Apple Health has no API to sync from: its data comes from an export file.', {
    hint: 'Export all health data on the iPhone (Health → profile → Export All Health Data) and run `wearables-mcp import apple-health <export.zip>`.',
  });
}

/** Builds the Apple Health provider (nothing to configure). */
export function createAppleHealthProvider(): Provider {
  return {
    id: ID,
    displayName: DISPLAY_NAME,
    capabilities: CAPABILITIES,
    resources: APPLE_HEALTH_RESOURCES,
    importer: {
      accepts: ['export.zip', 'export.xml'],
      // The parser (saxes, yauzl: ~40 ms to load) is imported by the first import, not at start-up.
      async *read(path, context) {
        const { readAppleHealthExport } = await import('./read-export.js');
        yield* readAppleHealthExport(path, { now: new Date(context.now), ...(context.signal ? { signal: context.signal } : {}) }).pages;
      },
    },
    // eslint-disable-next-line require-yield -- a file source has no window to fetch: it refuses.
    async *fetchWindow() {
      throw notPulled();
    },
    async probe() {
      // Nothing remote to reach: an import is checked when it runs.
    },
  };
}

/** Everything the project knows about Apple Health. */
export const APPLE_HEALTH_MODULE = defineProviderModule({
  id: ID,
  displayName: DISPLAY_NAME,
  about: 'Apple Watch and iPhone data from a Health app export: activity, sleep stages, heart rate, HRV (SDNN), SpO2, body measures and workouts',
  capabilities: CAPABILITIES,
  resources: APPLE_HEALTH_RESOURCES,
  createProvider: () => createAppleHealthProvider(),
  // No tools of its own (no loadTools): the core `import_data` tool imports its exports.
  dayView: {
    mappings: APPLE_HEALTH_MAPPINGS,
    // Ranks nothing: a wrist and a phone come after the ring, strap and scale (unranked providers
    // follow every ranked one), and their values are kept beside the headline.
    headline: {},
  },
  fhirSources: APPLE_HEALTH_SOURCES,
  connectHelp: 'apple-health: nothing to connect; export all health data on the iPhone and run `wearables-mcp import apple-health <export.zip>`.',
  reportColor: '#d6336c',
});
