/** (e) Same seed and clock -> byte-identical responses; another seed -> another person. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import { api } from './support/oauth.js';

const NOW = new Date('2025-06-15T16:00:00Z');
const TOKEN = 'det-token';
const PATHS = [
  '/v2/usercollection/personal_info',
  '/v2/usercollection/daily_sleep?start_date=2025-05-01&end_date=2025-06-15',
  '/v2/usercollection/sleep?start_date=2025-06-01&end_date=2025-06-15',
  '/v2/usercollection/daily_activity?start_date=2025-06-10&end_date=2025-06-16',
  '/v2/usercollection/daily_readiness?start_date=2025-05-01&end_date=2025-06-15',
  '/v2/usercollection/workout?start_date=2025-04-01&end_date=2025-06-15',
  '/v2/usercollection/enhanced_tag?start_date=2025-01-01&end_date=2025-06-15',
  '/v2/usercollection/ring_configuration',
  '/v2/usercollection/heartrate?start_datetime=2025-06-10T00:00:00Z&end_datetime=2025-06-12T00:00:00Z',
];

describe('determinism', () => {
  const sims: StartedSimulator[] = [];
  beforeAll(async () => {
    for (const seed of [21, 21, 22]) sims.push(await startSimulator({ seed, days: 120, now: () => NOW, personalAccessTokens: [TOKEN] }));
  });
  afterAll(async () => {
    for (const sim of sims) await sim.close();
  });

  it.each(PATHS)('%s', async (path) => {
    const [a, b, c] = await Promise.all(sims.map((sim) => api(sim, path, TOKEN)));
    expect(a?.status).toBe(200);
    expect(a?.text).toBe(b?.text);
    expect(a?.text).not.toBe(c?.text);
  });

  it('the ground truth is identical too', () => {
    const [a, b] = sims;
    expect(JSON.stringify(a?.person.days())).toBe(JSON.stringify(b?.person.days()));
  });
});
