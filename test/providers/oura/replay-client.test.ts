/** The Oura client against recorded real responses replayed over loopback HTTP. */
import { afterEach, expect, it } from 'vitest';
import { describeShared } from '../../support/shared.js';
import { createAuthorizedHttp } from '../../../src/core/http.js';
import { WearablesError } from '../../../src/core/errors.js';
import type { TimeWindow } from '../../../src/core/types.js';
import type { ProviderPage } from '../../../src/providers/provider.js';
import { resourceSpec } from '../../../src/providers/provider.js';
import { createOuraProvider } from '../../../src/providers/oura/index.js';
import { recorded, recordedExample } from './fixtures.js';
import { personalToken, startReplayServer, type ReplayRoute, type ReplayServer } from './replay-server.js';
import { dataOf } from '../../../src/core/records/record-build.js';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function fetchAll(routes: Record<string, ReplayRoute>, resource: string, window: TimeWindow): Promise<ProviderPage[]> {
  server = await startReplayServer(routes);
  const provider = createOuraProvider({ apiBaseUrl: server.url, authBaseUrl: server.url });
  const http = createAuthorizedHttp({ provider: 'oura', tokens: personalToken('pat-test'), retry: { baseDelayMs: 1 } });
  const pages: ProviderPage[] = [];
  for await (const page of provider.fetchWindow(resourceSpec(provider, resource), window, { http })) pages.push(page);
  return pages;
}

describeShared('Oura client with recorded responses', () => {
  it('asks with start_date/end_date and keeps only documents whose day is inside [start, end)', async () => {
    // Recorded: Oura ignored a bogus start date and answered with a 2018 document.
    const body = recorded('daily_sleep_invalid_arguments').body_trimmed;
    const pages = await fetchAll({ '/v2/usercollection/daily_sleep': { status: 200, body } }, 'daily_sleep', { start: '2024-11-11', end: '2024-11-12' });
    const request = server!.requests[0]!;
    expect(request.searchParams.get('start_date')).toBe('2024-11-11');
    expect(request.searchParams.get('end_date')).toBe('2024-11-12');
    expect(pages.flatMap((page) => page.records)).toEqual([]);

    const wide = await fetchAll({ '/v2/usercollection/daily_sleep': { status: 200, body } }, 'daily_sleep', { start: '2018-10-01', end: '2018-11-01' });
    expect(wide.flatMap((page) => page.records).map((record) => record.day)).toEqual(['2018-10-10']);
  });

  it('reads vO2_max from its camel-cased path and the profile from its bare object', async () => {
    const vo2 = await fetchAll(
      { '/v2/usercollection/vO2_max': { status: 200, body: recorded('vo2_max').body_trimmed } },
      'vo2_max',
      { start: '2023-09-01', end: '2023-10-01' },
    );
    expect(vo2.flatMap((page) => page.records).map((record) => record.data)).toEqual([{ vo2_max_ml_kg_min: 62 }]);

    const profile = await fetchAll(
      { '/v2/usercollection/personal_info': { status: 200, body: recordedExample('single_personal_info').body } },
      'personal_info',
      { start: '', end: '' },
    );
    expect(profile.flatMap((page) => page.records).map((record) => dataOf(record, 'profile').age_years)).toEqual([42]);
  });

  it('maps the recorded 422 (start after end) to VALIDATION_ERROR without echoing the body', async () => {
    const example = recordedExample('multiple_daily_cardiovascular_age_invalid_range');
    const error = await fetchAll(
      { '/v2/usercollection/daily_cardiovascular_age': { status: example.status, body: example.body } },
      'daily_cardiovascular_age',
      { start: '2024-11-11', end: '2024-11-12' },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WearablesError);
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', statusCode: 422 });
    expect((error as Error).message).not.toContain('Start date must be');
  });

  it('rejects a window whose start is after its end before asking Oura', async () => {
    const error = await fetchAll({}, 'daily_cardiovascular_age', { start: '2025-11-11', end: '2024-11-12' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(server!.requests).toHaveLength(0);
  });

  it('a 200 with a body that is not an Oura page is an UPSTREAM_ERROR', async () => {
    const error = await fetchAll({ '/v2/usercollection/workout': { status: 200, body: { detail: 'surprise' } } }, 'workout', {
      start: '2024-10-09',
      end: '2024-10-10',
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'UPSTREAM_ERROR' });
  });
});
