/**
 * Withings' API shape over recorded files: every service is a POST of `action=...` answered with
 * HTTP 200 and a `{ status, body }` envelope. A scenario maps `"<path> <action>"` (optionally
 * `"/measure getmeas category=2"`) to a recorded file; fragments (bare `measuregrps` arrays) are
 * wrapped in the envelope they were cut from. A request for a later page (`offset` past the
 * recorded one) gets the end of the list, as the recordings hold their first page only.
 */
import { recorded } from './recorded.js';
import type { ReplayAnswer, ReplayHandler, ReplayRequest } from './replay-server.js';

/** `"<path> <action>"` → recorded file under `withings/` (or a function of the request). */
export type WithingsScenario = Record<string, string | ((request: ReplayRequest) => ReplayAnswer)>;

function serve(file: string): ReplayAnswer {
  const body = recorded(`withings/${file}`);
  // Fragments are `body.measuregrps` stored without their envelope.
  const envelope = Array.isArray(body) ? { status: 0, body: { measuregrps: body } } : body;
  return { status: 200, body: envelope, file: `withings/${file}` };
}

/** The end of a paged list, in the service's shape. */
function lastPage(request: ReplayRequest): ReplayAnswer {
  const list = request.params.action === 'getactivity' ? 'activities' : request.params.action === 'getmeas' ? 'measuregrps' : 'series';
  return { status: 200, body: { status: 0, body: { [list]: [], more: false, offset: Number(request.params.offset) } } };
}

/** The handler of `scenario`; unknown services answer Withings' "invalid params" status. */
export function withingsHandler(scenario: WithingsScenario): ReplayHandler {
  return (request) => {
    if (request.method !== 'POST') return undefined;
    const key = `${request.path} ${request.params.action ?? ''}`;
    const entry = (request.params.category === '2' ? scenario[`${key} category=2`] : undefined) ?? scenario[key];
    if (entry === undefined) return { status: 200, body: { status: 2555, body: {}, error: 'not in this replay scenario' } };
    if (typeof entry === 'function') return entry(request);
    if (request.params.offset !== undefined && Number(request.params.offset) > 0) return lastPage(request);
    return serve(entry);
  };
}
