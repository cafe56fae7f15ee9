/** The moto override and the accounts' resources: moto serves Cognito, key groups and public keys, not CloudFront's policies and functions. */
import { describe, expect, it } from "vitest";
import { MANAGED_CACHING_OPTIMIZED, motoOverride, type TerraformConfig } from "../tools/moto-override.js";

const options = { endpoint: "http://127.0.0.1:5000", services: ["cognitoidp", "cloudfront"], statePath: "moto.tfstate" };

describe("moto override: accounts and private playback", () => {
  const stack: TerraformConfig = {
    resource: {
      aws_cognito_user_pool: { pool: { name: "users", deletion_protection: "INACTIVE" } },
      aws_cognito_user_pool_client: { web: { user_pool_id: "${aws_cognito_user_pool.pool.id}", generate_secret: false } },
      aws_cognito_user_group: { admin: { name: "admin", user_pool_id: "${aws_cognito_user_pool.pool.id}" } },
      aws_apigatewayv2_authorizer: {
        signed_in: {
          authorizer_type: "JWT",
          jwt_configuration: { issuer: "https://${aws_cognito_user_pool.pool.endpoint}", audience: ["${aws_cognito_user_pool_client.web.id}"] },
        },
      },
      aws_secretsmanager_secret: { signing: { name: "playback-signing-key" } },
      aws_cloudfront_public_key: { current: { name: "key-1", encoded_key: "-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----\n" } },
      aws_cloudfront_key_group: { playback: { name: "playback", items: ["${aws_cloudfront_public_key.current.id}"] } },
      aws_cloudfront_cache_policy: { api: { name: "api" } },
      aws_cloudfront_origin_request_policy: { api: { name: "api-request" } },
      aws_cloudfront_function: { closed: { name: "playback-closed" } },
      aws_cloudfront_distribution: {
        cdn: {
          default_cache_behavior: { target_origin_id: "web" },
          ordered_cache_behavior: [
            {
              path_pattern: "/api/uploads*",
              target_origin_id: "api",
              cache_policy_id: "${aws_cloudfront_cache_policy.api.id}",
              origin_request_policy_id: "${aws_cloudfront_origin_request_policy.api.id}",
            },
            { path_pattern: "/vod/*", target_origin_id: "vod", trusted_key_groups: ["${aws_cloudfront_key_group.playback.id}"] },
            {
              path_pattern: "/out/v1/*",
              target_origin_id: "web",
              function_association: [{ event_type: "viewer-request", function_arn: "${aws_cloudfront_function.closed.arn}" }],
            },
          ],
        },
      },
    },
  };
  const result = motoOverride(stack, options);

  it("keeps the user pool, its client and group, the authorizer, the signing secret, the key group and its public keys", () => {
    expect(result.removed).toEqual([
      "aws_cloudfront_cache_policy.api",
      "aws_cloudfront_function.closed",
      "aws_cloudfront_origin_request_policy.api",
    ]);
    for (const type of ["aws_cognito_user_pool", "aws_cognito_user_pool_client", "aws_cognito_user_group", "aws_apigatewayv2_authorizer", "aws_cloudfront_key_group"]) {
      expect(result.override.resource?.[type], type).toBeUndefined();
    }
  });

  it("keeps the key group on /vod/*, and drops only what moto cannot create from the other behaviours", () => {
    expect(result.override.resource?.aws_cloudfront_distribution?.cdn?.ordered_cache_behavior).toEqual([
      { path_pattern: "/api/uploads*", target_origin_id: "api", cache_policy_id: MANAGED_CACHING_OPTIMIZED },
      { path_pattern: "/vod/*", target_origin_id: "vod", trusted_key_groups: ["${aws_cloudfront_key_group.playback.id}"] },
      { path_pattern: "/out/v1/*", target_origin_id: "web" },
    ]);
  });
});
