/**
 * A provider that is in no registry (`plug-in-band`), declared only through the `Provider` seam,
 * with records in the generic shape: exports must handle it without any change in src/export.
 * Its `fetchWindow` and `probe` throw, so a test fails if an export ever calls a provider.
 */
import type { StorableRecord } from '../../src/store/store.js';
import type { OAuthAdapter } from '../../src/providers/oauth-adapter.js';
import type { Provider } from '../../src/providers/provider.js';

/** Its id: registered nowhere, so the store, exports and FHIR must take any well-formed id. */
export const PLUG_IN_ID = 'plug-in-band';

export const plugInProvider: Provider = {
  id: PLUG_IN_ID,
  displayName: 'Plug-in band',
  capabilities: { pull: true, webhook: false, oauth: true, personalToken: false },
  resources: [{ name: 'cycle', description: 'Test cycles.', kind: 'document', recordKind: 'activity_day', windowing: 'day', maxWindowDays: 30, overlapDays: 1 }],
  oauth: {} as OAuthAdapter,
  fetchWindow() {
    throw new Error('exports must never call a provider');
  },
  probe() {
    throw new Error('exports must never call a provider');
  },
};

/** Records with awkward values: commas, quotes, line breaks, nested objects, booleans, mixed kinds. */
export function plugInRecords(): StorableRecord[] {
  const base = { provider: PLUG_IN_ID, resource: 'cycle', tzOffset: '-05:00', updatedAt: '2024-05-02T10:00:00.000Z', raw: {} };
  return [
    {
      ...base,
      id: 'c1',
      day: '2024-05-01',
      start: '2024-05-01T04:00:00-05:00',
      end: '2024-05-02T04:00:00-05:00',
      data: { strain: 12.4, note: 'ran 5k, felt "great"\nthen slept', zones: { one: 120, two: 900 }, scored: true, id: 'inner-id', mixed: 1 },
    },
    {
      ...base,
      id: 'c2',
      day: '2024-05-02',
      start: '2024-05-02T04:00:00-05:00',
      end: null,
      data: { strain: 8, note: null, zones: null, scored: false, mixed: 'text', calories: 2810 },
    },
  ];
}
