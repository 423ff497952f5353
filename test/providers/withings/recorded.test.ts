/**
 * The Withings normalize step on real recorded responses (`../shared/specs/recorded/withings/`):
 * expected values computed by hand from the files.
 */
import { expect, it } from 'vitest';
import { normalizeMeasureGroup } from '../../../src/providers/withings/normalize-measures.js';
import { describeShared, readSharedJson } from '../../support/shared.js';

interface Envelope {
  status: number;
  body: Record<string, unknown>;
}
const recorded = (file: string) => readSharedJson<Envelope>('specs', 'recorded', 'withings', ...file.split('/'));

describeShared('Withings normalize (recorded responses)', () => {
  it('measure groups read the device model from `modelid` (getmeas_2: Body+, modelid 5; 118003 × 10^-3 = 118.003 kg)', () => {
    const body = recorded('getmeas_2.json').body;
    const groups = (body.measuregrps as unknown[]).map((group) => normalizeMeasureGroup(group, body.timezone as string));
    expect(groups.map((group) => group?.data.device_model_id)).toEqual([5, 5]);
    expect(groups[0]?.data).toMatchObject({ device_model: 'Body+', weight_kg: 118.003 });
  });
});
