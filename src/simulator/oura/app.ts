/** The Oura sub-app: OAuth under `/oauth`, data under `/v2/usercollection` (+ sandbox alias). */
import { Hono } from 'hono';
import type { OuraContext } from './context.js';
import { createOuraDataRoutes } from './data-routes.js';
import { createOuraOAuthRoutes } from './oauth-routes.js';

/** Builds the Oura Hono app for a context (mounted by the root app at `/oura`). */
export function createOuraApp(ctx: OuraContext): Hono {
  const app = new Hono();
  app.route('/oauth', createOuraOAuthRoutes(ctx));
  const data = createOuraDataRoutes(ctx);
  app.route('/v2/usercollection', data);
  app.route('/v2/sandbox/usercollection', data);
  return app;
}
