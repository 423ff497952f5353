/** The seam between authenticated HTTP and the token store/refresh logic. */
import type { ProviderId } from './types.js';

export interface AccessTokenSource {
  /** A valid access token, refreshed ahead of expiry. Throws NOT_CONNECTED / AUTH_FAILED. */
  getAccessToken(provider: ProviderId): Promise<string>;
  /**
   * Called after the API answered 401 to `rejectedToken`: refreshes once (unless another caller
   * or process already did) and returns the new token. Throws AUTH_FAILED when the grant is gone.
   */
  refreshAfterUnauthorized(provider: ProviderId, rejectedToken: string): Promise<string>;
}
