/**
 * CloudFront Function (cloudfront-js-2.0) on private media paths while the environment lists no
 * playback public key: CloudFront could check no signed cookie, so rather than serve the files
 * to anyone it answers 403 itself, before any origin is asked. Deploying the first key replaces
 * it with the key group (README, "The playback signing key").
 */
export const PLAYBACK_CLOSED_CODE = `function handler(event) {
  return {
    statusCode: 403,
    statusDescription: "Forbidden",
    headers: {
      "cache-control": { value: "no-store" },
      "x-playback-closed": { value: "no playback signing key is deployed" }
    }
  };
}
`;
