/** The WHOOP sub-app (mounted at `/whoop`): OAuth under `/oauth/oauth2`, the API under `/developer`. */
import { Hono } from 'hono';
import type { WhoopContext } from './context.js';
import { createWhoopDataRoutes } from './data-routes.js';
import { createWhoopOAuthRoutes } from './oauth-routes.js';

/** Builds the WHOOP Hono app for a context. */
export function createWhoopApp(ctx: WhoopContext): Hono {
  const app = new Hono();
  app.route('/oauth/oauth2', createWhoopOAuthRoutes(ctx));
  app.route('/developer', createWhoopDataRoutes(ctx));
  return app;
}
