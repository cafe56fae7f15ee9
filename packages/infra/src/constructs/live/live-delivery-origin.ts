import { LIVE_PATH_PREFIX } from "@video-platform/shared-types";
import type { DeliveryOrigin } from "../delivery-distribution.js";

/**
 * CloudFront's managed "Elemental-MediaPackage" cache policy. Its TTLs defer to the origin's
 * Cache-Control, and MediaPackage sends short max-ages on playlists and manifests (about a segment)
 * and long ones on segments; it keys on, and forwards, the query strings MediaPackage understands
 * (`aws.manifestfilter`, `start`, `end`, `m`). No origin request policy is needed on top.
 */
export const MANAGED_MEDIAPACKAGE_CACHE_POLICY_ID = "08627262-05a9-4f76-9ded-b50ca2e3a84f";

/** Every MediaPackage (v1) endpoint path starts with this; the local live output uses it too. */
export const LIVE_PATH_PATTERN = `${LIVE_PATH_PREFIX}*`;

export const LIVE_ORIGIN_ID = "live-mediapackage";

/** The live origin for the delivery distribution, with the header MediaPackage demands of it. */
export type LiveDeliveryOrigin = DeliveryOrigin & {
  /** Sent on every origin request: MediaPackage's CDN authorization. */
  readonly customHeaders: readonly { readonly name: string; readonly value: string }[];
};

export interface LiveDeliveryOriginProps {
  /** MediaPackage's host. */
  readonly originDomain: string;
  readonly cdnIdentifier: { readonly headerName: string; readonly headerValue: string };
  /** Viewers need playback cookies of the platform's key group. */
  readonly signedCookies: boolean;
}

export function liveDeliveryOrigin(props: LiveDeliveryOriginProps): LiveDeliveryOrigin {
  return {
    originId: LIVE_ORIGIN_ID,
    domainName: props.originDomain,
    customHeaders: [{ name: props.cdnIdentifier.headerName, value: props.cdnIdentifier.headerValue }],
    behaviors: [
      { pathPattern: LIVE_PATH_PATTERN, caching: { cachePolicyId: MANAGED_MEDIAPACKAGE_CACHE_POLICY_ID }, signedCookies: props.signedCookies },
    ],
  };
}
