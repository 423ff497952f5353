/**
 * Oura's API shape over recorded files: `GET /v2/usercollection/<collection>` answers the
 * collection's recorded page (`{ data, next_token }`), `personal_info` its bare object. A request
 * carrying a `next_token` gets the end of the list (`{ data: [], next_token: null }`: the
 * recordings hold only their first page), so the recorded tokens are followed once and paging ends.
 */
import { recorded } from './recorded.js';
import type { ReplayHandler } from './replay-server.js';

/** Collection (API path segment) → recorded file under `oura/`. */
export type OuraFiles = Record<string, string>;

/** The files of the go-oura account (-05:00, 2023-12..2024-01). */
export const OURA_ACCOUNT_A: OuraFiles = {
  daily_activity: 'daily_activity_page_1.json',
  daily_readiness: 'daily_readiness_page_1.json',
  daily_sleep: 'daily_sleep_page_1.json',
  daily_spo2: 'daily_spo2_page_1.json',
  daily_stress: 'daily_stress_page_1.json',
  enhanced_tag: 'enhanced_tag_page_1.json',
  heartrate: 'heartrate_page_1.json',
  personal_info: 'personal_info_1.json',
  session: 'session_page_1.json',
  sleep: 'sleep_page_1.json',
  sleep_time: 'sleep_time_page_1.json',
  workout: 'workout_page_1.json',
};

/** The files of the oura-ring-mcp account (tags at -07:00, rest mode, two rings). */
export const OURA_ACCOUNT_B: OuraFiles = {
  enhanced_tag: 'enhanced_tag_page_2.json',
  rest_mode_period: 'rest_mode_period_page_1.json',
  ring_configuration: 'ring_configuration_page_1.json',
};

/** Single-document answers (`GET /v2/usercollection/<collection>/<id>`, a bare object). */
export const OURA_SINGLES: Record<string, string> = {
  'daily_sleep/4eaa0e18-3464-49cc-961a-2ffd5f8ea98e': 'daily_sleep_single_1.json',
  'enhanced_tag/cfe144cf-c954-4609-b3d2-aa3291cd3dd3': 'enhanced_tag_single_nulls_1.json',
  'sleep/02e54fa5-f514-46f6-9ac6-b651d8f84b75': 'sleep_single_1.json',
  'workout/f07231a9-3600-40b1-aca7-9768e4284a5d': 'workout_single_1.json',
};

/** The handler serving `files`; other collections answer an empty page. */
export function ouraHandler(files: OuraFiles): ReplayHandler {
  return (request) => {
    const single = /^\/v2\/usercollection\/([A-Za-z0-9_]+\/[0-9a-f-]+)$/.exec(request.path);
    const singleFile = single ? OURA_SINGLES[single[1] ?? ''] : undefined;
    if (request.method === 'GET' && single) {
      return singleFile ? { status: 200, body: recorded(`oura/${singleFile}`), file: `oura/${singleFile}` } : { status: 404, body: { detail: 'Not Found' } };
    }
    const match = /^\/v2\/usercollection\/([A-Za-z0-9_]+)$/.exec(request.path);
    if (request.method !== 'GET' || !match) return undefined;
    const collection = match[1] ?? '';
    const file = files[collection];
    if (request.params.next_token) return { status: 200, body: { data: [], next_token: null } };
    if (!file) return { status: 200, body: collection === 'personal_info' ? {} : { data: [], next_token: null } };
    return { status: 200, body: recorded(`oura/${file}`), file: `oura/${file}` };
  };
}
