/**
 * WHOOP's v2 API shape over recorded files. List routes answer `{ records, next_token }`: the
 * recorded cycle page as it is (its real next_token; the token's page is the end of the list),
 * and single recorded records (sleep by id, a cycle's recovery, a workout record fragment)
 * inside a one-record page. By-id routes answer the bare recorded object for its id; others 404
 * as WHOOP does.
 */
import { recorded } from './recorded.js';
import type { ReplayAnswer, ReplayHandler } from './replay-server.js';

const CYCLE_PAGE = 'whoop/cycle_page_1.json';
const SLEEP = 'whoop/sleep_by_id_1.json';
const RECOVERY = 'whoop/recovery_for_cycle_1.json';
const WORKOUT = 'whoop/unresolved_provenance/workout_record_1.json';
const PROFILE = 'whoop/user_profile_basic_1.json';
const BODY = 'whoop/unresolved_provenance/user_measurement_body_1.json';

/** Per-test changes of a recorded record (the change is stated where it is used). */
export type WhoopOverrides = Partial<Record<'sleep' | 'workout', Record<string, unknown>>>;

/** The handler over the recorded WHOOP files of one account (and the workout fragment). */
export function whoopHandler(overrides: WhoopOverrides = {}): ReplayHandler {
  const page = (file: string, record: Record<string, unknown>): ReplayAnswer => ({ status: 200, body: { records: [record], next_token: null }, file });
  const sleep = () => ({ ...recorded<Record<string, unknown>>(SLEEP), ...overrides.sleep });
  const workout = () => ({ ...recorded<Record<string, unknown>>(WORKOUT), ...overrides.workout });
  const cycles = () => recorded<{ records: Array<Record<string, unknown>>; next_token: string }>(CYCLE_PAGE);
  return (request) => {
    if (request.method !== 'GET') return undefined;
    const path = request.path;
    if (path === '/v2/cycle') return request.params.nextToken ? { status: 200, body: { records: [] } } : { status: 200, body: cycles(), file: CYCLE_PAGE };
    if (path === '/v2/activity/sleep') return page(SLEEP, sleep());
    if (path === '/v2/recovery') return page(RECOVERY, recorded(RECOVERY));
    if (path === '/v2/activity/workout') return page(WORKOUT, workout());
    if (path === '/v2/user/profile/basic') return { status: 200, body: recorded(PROFILE), file: PROFILE };
    if (path === '/v2/user/measurement/body') return { status: 200, body: recorded(BODY), file: BODY };
    const byId = /^\/v2\/(cycle|activity\/sleep|activity\/workout)\/([^/]+)(\/recovery)?$/.exec(path);
    if (!byId) return undefined;
    const [, kind, id, recovery] = byId;
    const cycle = cycles().records.find((record) => String(record.id) === id);
    if (kind === 'cycle' && cycle && recovery) return { status: 200, body: recorded(RECOVERY), file: RECOVERY };
    if (kind === 'cycle' && cycle) return { status: 200, body: cycle, file: CYCLE_PAGE };
    if (kind === 'activity/sleep' && id === sleep().id) return { status: 200, body: sleep(), file: SLEEP };
    if (kind === 'activity/workout' && id === workout().id) return { status: 200, body: workout(), file: WORKOUT };
    return { status: 404, body: { message: 'Not Found' } };
  };
}
