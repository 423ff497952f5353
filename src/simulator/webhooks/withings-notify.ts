/**
 * Withings notifications in the simulator: `POST /withings/notify` actions `subscribe` (after a
 * HEAD probe of the callback, as Withings does), `list` and `revoke`, with the user's bearer
 * token and the `{ status, body }` envelope; and the unsigned form POST (`userid`, `appli`,
 * `startdate`, `enddate`) sent to subscribed callbacks when the person's data changes.
 */
import { Hono, type Context } from 'hono';
import { envelope } from '../withings/oauth-routes.js';
import { logCall, requestParams, type WithingsContext } from '../withings/context.js';
import type { WithingsControl } from '../withings/control.js';
import { DeliverySender, type SentDelivery } from './delivery-log.js';

interface NotifySubscription {
  appli: number;
  callbackurl: string;
  comment: string;
}

const APPLIS = new Set([1, 2, 4, 16, 44, 46, 50, 51, 52, 54, 55, 58, 62]);

/** The notify service and its deliveries. */
export class WithingsNotifyHub {
  private readonly subscriptionsList: NotifySubscription[] = [];
  private readonly sender = new DeliverySender();

  constructor(private readonly ctx: WithingsContext) {}

  subscriptions(): NotifySubscription[] {
    return this.subscriptionsList.map((entry) => ({ ...entry }));
  }

  deliveries(): SentDelivery[] {
    return this.sender.deliveries();
  }

  /** Extra attempts after a network error or a 5xx. */
  set retries(count: number) {
    this.sender.retries = count;
  }

  flush(): Promise<void> {
    return this.sender.flush();
  }

  /** Sends the form POST for category `appli` and `[startSec, endSec]` to every subscribed callback. */
  notify(appli: number, startSec: number, endSec: number): void {
    const nowMs = this.ctx.clock.nowMs();
    for (const subscription of this.subscriptionsList.filter((entry) => entry.appli === appli)) {
      const body = new URLSearchParams({ userid: String(this.ctx.tokens.options.userId), appli: String(appli), startdate: String(startSec), enddate: String(endSec) });
      this.sender.send(new Date(nowMs).toISOString(), subscription.callbackurl, `appli ${appli}`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
      });
    }
  }

  /** The notify route (mount at `/withings/notify`). */
  routes(): Hono {
    const app = new Hono();
    app.on(['GET', 'POST'], '/', async (c) => this.handle(c));
    return app;
  }

  private async handle(c: Context): Promise<Response> {
    const params = await requestParams(c.req.raw);
    const answer = (status: number, body: unknown = {}, error?: string) => {
      logCall(this.ctx, '/notify', params, status);
      return envelope(c, status, body, error);
    };
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? params.get('access_token');
    if (this.ctx.tokens.check(bearer ?? null) !== 'ok') return answer(401, {}, 'invalid_token');
    const action = params.get('action') ?? '';
    const appliText = params.get('appli');
    const appli = appliText === null ? null : Number(appliText);
    if (appli !== null && !APPLIS.has(appli)) return answer(2555, {}, 'Invalid appli');
    const callbackurl = params.get('callbackurl');
    if (action === 'list') return answer(0, { profiles: this.subscriptionsList.filter((entry) => appli === null || entry.appli === appli) });
    if (!callbackurl || appli === null) return answer(503, {}, 'Invalid params');
    if (action === 'revoke') {
      const index = this.subscriptionsList.findIndex((entry) => entry.appli === appli && entry.callbackurl === callbackurl);
      if (index < 0) return answer(286, {}, 'No such subscription');
      this.subscriptionsList.splice(index, 1);
      return answer(0);
    }
    if (action !== 'subscribe') return answer(2554, {}, 'Not implemented');
    // Withings checks the callback answers (HEAD, then expects 200) before it subscribes.
    const probed = await fetch(callbackurl, { method: 'HEAD', signal: AbortSignal.timeout(2_000) }).then((response) => response.ok).catch(() => false);
    if (!probed) return answer(293, {}, 'The callback URL is either absent or incorrect');
    if (!this.subscriptionsList.some((entry) => entry.appli === appli && entry.callbackurl === callbackurl)) {
      this.subscriptionsList.push({ appli, callbackurl, comment: params.get('comment') ?? '' });
    }
    return answer(0);
  }
}

/** Wraps the Withings controls so that a measure edit notifies category 1 for the group's date. */
export function notifyWithingsChanges(control: { withings: WithingsControl }, ctx: WithingsContext, hub: WithingsNotifyHub, changed?: () => void): void {
  const original = control.withings;
  control.withings = {
    ...original,
    editMeasure(grpid, weightKg) {
      const edited = original.editMeasure(grpid, weightKg);
      if (changed) {
        changed();
        return edited;
      }
      const group = ctx.documents.all('measures').find((entry) => entry.json.grpid === grpid);
      if (edited && typeof group?.json.date === 'number') hub.notify(1, group.json.date, group.json.date);
      return edited;
    },
  };
}
