/**
 * The Withings notify service as a subscription API (`wearables-mcp webhooks ... withings`):
 * `POST /notify` actions `subscribe`, `list` and `revoke`, with the user's bearer token. One
 * subscription per category (`appli`) and callback URL; its id here is `<appli>@<callbackurl>`.
 * Withings subscriptions do not expire, so `renew` only lists them.
 */
import { z } from 'zod';
import { WearablesError } from '../../../core/errors.js';
import type { AuthorizedHttp } from '../../../core/http.js';
import type { SubscribeRequest, WebhookSubscription, WebhookSubscriptionApi } from '../../webhook-capability.js';
import { callWithings, type WithingsApi } from '../api.js';
import { WITHINGS_APPLI_RESOURCES, WITHINGS_DEFAULT_APPLIS, applisFor } from './notify-categories.js';

const listBody = z.object({
  profiles: z.array(z.looseObject({ appli: z.number().int(), callbackurl: z.string(), comment: z.string().optional() })).default([]),
});

const NOTIFY = (action: string) => ({ path: '/notify', action });

/** The subscription API over the user's authorized HTTP. */
export function createWithingsSubscriptions(api: WithingsApi, http: AuthorizedHttp): WebhookSubscriptionApi {
  const call = (action: string, params: Record<string, string | number>) => callWithings(api, NOTIFY(action), params, { http });

  async function list(): Promise<WebhookSubscription[]> {
    const body = listBody.parse(await call('list', {}) ?? {});
    return body.profiles.map((profile) => ({
      id: `${profile.appli}@${profile.callbackurl}`,
      resource: (WITHINGS_APPLI_RESOURCES[profile.appli] ?? [`appli ${profile.appli}`]).join(','),
      event: '*',
      callbackUrl: profile.callbackurl,
      expiresAt: null,
    }));
  }

  async function revoke(subscriptions: WebhookSubscription[]): Promise<string[]> {
    for (const subscription of subscriptions) await call('revoke', { callbackurl: subscription.callbackUrl, appli: appliOf(subscription.id) });
    return subscriptions.map((subscription) => subscription.id);
  }

  return {
    list,
    async subscribe(request: SubscribeRequest) {
      const applis = request.resources ? applisForResources(request.resources) : [...WITHINGS_DEFAULT_APPLIS];
      const existing = await list();
      for (const appli of applis) {
        if (existing.some((entry) => entry.id === `${appli}@${request.callbackUrl}`)) continue;
        await call('subscribe', { callbackurl: request.callbackUrl, appli, comment: 'wearables-mcp' });
      }
      const wanted = new Set(applis.map((appli) => `${appli}@${request.callbackUrl}`));
      return (await list()).filter((entry) => wanted.has(entry.id));
    },
    renew: async (id?: string) => (await list()).filter((entry) => id === undefined || entry.id === id),
    async unsubscribe(id?: string) {
      const current = await list();
      const chosen = id === undefined ? current : current.filter((entry) => entry.id === id);
      if (id !== undefined && chosen.length === 0) {
        throw new WearablesError('NOT_FOUND', 'No such Withings notification subscription.', { hint: 'List them with `wearables-mcp webhooks list withings`.' });
      }
      return revoke(chosen);
    },
  };
}

function appliOf(id: string): number {
  return Number(id.slice(0, id.indexOf('@')));
}

function applisForResources(resources: readonly string[]): number[] {
  const applis = new Set<number>();
  for (const resource of resources) {
    const found = applisFor(resource);
    if (found.length === 0) {
      throw new WearablesError('VALIDATION_ERROR', `Withings cannot notify about "${resource}".`, {
        hint: 'Use some of: measures, activity, workouts, sleep_summary, sleep_series, heart_records.',
      });
    }
    for (const appli of found) applis.add(appli);
  }
  return [...applis];
}
