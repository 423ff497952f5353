/**
 * The WHOOP normalize step on real recorded responses (`../shared/specs/recorded/whoop/`):
 * expected values computed by hand from the files.
 */
import { expect, it } from 'vitest';
import { normalizeWhoopDocument } from '../../../src/providers/whoop/normalize.js';
import { describeShared, readSharedJson } from '../../support/shared.js';
import { dataOf } from '../../../src/core/records/record-build.js';

const recorded = (file: string) => readSharedJson<Record<string, unknown>>('specs', 'recorded', 'whoop', ...file.split('/'));

describeShared('WHOOP normalize (recorded responses)', () => {
  it('percent_recorded is a fraction in real data: 1.0 is 100 %, 0.93 is 93 % (not 0.9)', () => {
    const workout = recorded('unresolved_provenance/workout_record_1.json');
    expect(dataOf(normalizeWhoopDocument('workout', workout).record, 'workout').percent_recorded).toBe(100);
    const partial = { ...workout, score: { ...(workout.score as object), percent_recorded: 0.93 } };
    expect(dataOf(normalizeWhoopDocument('workout', partial).record, 'workout').percent_recorded).toBe(93);
  });

  it('body measurement keeps the measured values (65.744 kg, 1.7018 m, max HR 194)', () => {
    const { record, valid } = normalizeWhoopDocument('body_measurement', recorded('unresolved_provenance/user_measurement_body_1.json'));
    expect(valid).toBe(true);
    expect(record.data).toEqual({ weight_kg: 65.744, height_m: 1.7018, max_heart_rate_bpm: 194 });
  });
});
