import { ADMIN_GROUP, PASSWORD_POLICY } from "@video-platform/shared-types";
import { TerraformOutput } from "cdktf";
import { describe, expect, it } from "vitest";
import { UserPool, type UserPoolProps } from "../../src/constructs/identity/user-pool.js";
import { synthConstruct } from "../support/synth-construct.js";
import { onlyResource, ref } from "../support/terraform-json.js";

const prod: UserPoolProps = { namePrefix: "vp-prod", selfSignUp: false, deletionProtection: true };
const dev: UserPoolProps = { namePrefix: "vp-dev", selfSignUp: true, deletionProtection: false };

function synthPool(props: UserPoolProps) {
  return synthConstruct((scope) => new UserPool(scope, "identity", props));
}

describe("UserPool", () => {
  it("signs in by e-mail, case-insensitively, with at least 12 characters and the platform's policy", () => {
    const pool = onlyResource(synthPool(prod).stack, "aws_cognito_user_pool").config;
    expect(pool).toMatchObject({
      name: "vp-prod-users",
      username_attributes: ["email"],
      username_configuration: { case_sensitive: false },
      auto_verified_attributes: ["email"],
      user_attribute_update_settings: { attributes_require_verification_before_update: ["email"] },
      account_recovery_setting: { recovery_mechanism: [{ name: "verified_email", priority: 1 }] },
    });
    const policy = pool.password_policy as Record<string, unknown>;
    expect(policy.minimum_length).toBeGreaterThanOrEqual(12);
    expect(policy).toMatchObject({
      minimum_length: PASSWORD_POLICY.minimumLength,
      require_lowercase: true,
      require_uppercase: true,
      require_numbers: true,
      require_symbols: false,
    });
  });

  it("offers TOTP MFA as each user's choice, never SMS, and can leave MFA off", () => {
    const pool = onlyResource(synthPool(prod).stack, "aws_cognito_user_pool").config;
    expect(pool).toMatchObject({ mfa_configuration: "OPTIONAL", software_token_mfa_configuration: { enabled: true } });
    expect(pool.sms_configuration).toBeUndefined();
    const off = onlyResource(synthPool({ ...prod, totpMfa: false }).stack, "aws_cognito_user_pool").config;
    expect(off.mfa_configuration).toBe("OFF");
    expect(off.software_token_mfa_configuration).toBeUndefined();
  });

  it("lets only admins create accounts unless self sign-up is on", () => {
    expect(onlyResource(synthPool(prod).stack, "aws_cognito_user_pool").config.admin_create_user_config).toEqual({
      allow_admin_create_user_only: true,
    });
    expect(onlyResource(synthPool(dev).stack, "aws_cognito_user_pool").config.admin_create_user_config).toEqual({
      allow_admin_create_user_only: false,
    });
  });

  it("protects production's pool from deletion in Cognito and in Terraform, and only when asked", () => {
    const protectedPool = onlyResource(synthPool(prod).stack, "aws_cognito_user_pool").config;
    expect(protectedPool).toMatchObject({ deletion_protection: "ACTIVE", lifecycle: { prevent_destroy: true } });
    const devPool = onlyResource(synthPool(dev).stack, "aws_cognito_user_pool").config;
    expect(devPool.deletion_protection).toBe("INACTIVE");
    expect(devPool.lifecycle).toBeUndefined();
  });

  it("has one public web client: no secret, SRP and refresh only, 1 h access and 30 d refresh tokens, revocable", () => {
    const { stack } = synthPool(prod);
    const pool = onlyResource(stack, "aws_cognito_user_pool");
    const client = onlyResource(stack, "aws_cognito_user_pool_client").config;
    expect(client).toMatchObject({
      name: "vp-prod-web",
      user_pool_id: ref(pool, "id"),
      generate_secret: false,
      access_token_validity: 60,
      id_token_validity: 60,
      refresh_token_validity: 30,
      token_validity_units: [{ access_token: "minutes", id_token: "minutes", refresh_token: "days" }],
      enable_token_revocation: true,
      prevent_user_existence_errors: "ENABLED",
    });
    expect([...(client.explicit_auth_flows as string[])].sort()).toEqual(["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]);
    expect(client.allowed_oauth_flows).toBeUndefined();
  });

  it("has the admin group", () => {
    const { stack } = synthPool(prod);
    expect(onlyResource(stack, "aws_cognito_user_group").config).toMatchObject({
      name: ADMIN_GROUP,
      user_pool_id: ref(onlyResource(stack, "aws_cognito_user_pool"), "id"),
    });
  });

  it("gives the authorizer the pool's issuer and the web client as audience, and the web app the ids", () => {
    const { stack } = synthConstruct((scope) => {
      const identity = new UserPool(scope, "identity", prod);
      new TerraformOutput(scope, "issuer", { value: identity.jwtAuthorizer.issuer });
      new TerraformOutput(scope, "audience", { value: identity.jwtAuthorizer.audience });
      new TerraformOutput(scope, "pool_id", { value: identity.userPoolId });
      new TerraformOutput(scope, "pool_arn", { value: identity.userPoolArn });
      new TerraformOutput(scope, "client_id", { value: identity.webClientId });
    });
    const pool = onlyResource(stack, "aws_cognito_user_pool");
    const client = onlyResource(stack, "aws_cognito_user_pool_client");
    // The pool's `endpoint` is `cognito-idp.<region>.amazonaws.com/<poolId>`: the issuer without its scheme.
    expect(stack.output?.issuer?.value).toBe(`https://${ref(pool, "endpoint")}`);
    expect(stack.output?.audience?.value).toEqual([ref(client, "id")]);
    expect(stack.output?.pool_id?.value).toBe(ref(pool, "id"));
    expect(stack.output?.pool_arn?.value).toBe(ref(pool, "arn"));
    expect(stack.output?.client_id?.value).toBe(ref(client, "id"));
  });
});
