/**
 * Accounts and private playback across the synthesized environments: who may call the APIs, what
 * the user pool is, and that no path to the renditions skips the signed cookies. Each check holds
 * for the repository's environments (no playback key yet: `/vod/*` closed) and for one with keys
 * and a private live channel.
 */
import { generateKeyPairSync } from "node:crypto";
import { runInNewContext } from "node:vm";
import { ENV, LIVE_PATH_PREFIX, WEB_CLIENT_AUTH_FLOWS } from "@video-platform/shared-types";
import { Testing } from "cdktf";
import { afterAll, describe, expect, it } from "vitest";
import { locateArtifacts } from "../src/artifacts.js";
import { ENVIRONMENTS, parseEnvironmentConfig, parseEnvironments } from "../src/config.js";
import { LIVE_PATH_PATTERN } from "../src/constructs/live/live-delivery-origin.js";
import { PlatformStack } from "../src/stacks/platform-stack.js";
import { behaviorsOf, behaviorsReaching, processedBuckets, trustedKeyGroupsOf, unsignedMediaPaths } from "./support/private-media.js";
import { synthesizeApp } from "./support/synthesized-app.js";
import { first, onlyResource, parseStack, ref, resourcesOf, type Addressed, type Block, type TerraformJson } from "./support/terraform-json.js";

const synthesized = synthesizeApp();
afterAll(() => synthesized.cleanup());
const environments = parseEnvironments(ENVIRONMENTS);

const keyPair = generateKeyPairSync("rsa", { modulusLength: 2048 });
const privateKeyPem = keyPair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const publicKeyPem = keyPair.publicKey.export({ type: "spki", format: "pem" }).toString();

/** Prod's configuration with a deployed playback key and its live channel private. */
const keyedInput = { ...ENVIRONMENTS.find((input) => input.name === "prod")!, name: "keyed", namePrefix: "video-platform-keyed" };
const keyed = parseEnvironmentConfig({ ...keyedInput, playbackPublicKeys: [{ name: "key-20300101", publicKeyPem }], livePrivate: true });
const keyedStack = parseStack(Testing.synth(new PlatformStack(Testing.app(), "keyed", { config: keyed, artifacts: locateArtifacts() })));

/** Every environment stack of the app, and the keyed variant. */
const stacks: [string, TerraformJson][] = [...environments.map((environment) => [environment.name, synthesized.stacks[environment.name]!] as [string, TerraformJson]), ["keyed", keyedStack]];

const functionNamed = (stack: TerraformJson, name: string) =>
  resourcesOf(stack, "aws_lambda_function").find((fn) => String(fn.config.function_name).endsWith(`-${name}`))!;
const variablesOf = (fn: Addressed) => (first(fn.config.environment)?.variables ?? {}) as Record<string, string>;
const distributionOf = (stack: TerraformJson) => onlyResource(stack, "aws_cloudfront_distribution");
const vodBehaviors = (stack: TerraformJson) => behaviorsOf(distributionOf(stack)).filter((behavior) => String(behavior.path_pattern).startsWith("/vod/"));
const configJsonOf = (stack: TerraformJson) => String(resourcesOf(stack, "aws_s3_object").find((object) => object.config.key === "config.json")!.config.content);

describe.each(stacks)("accounts in the %s stack", (_name, stack) => {
  const pool = onlyResource(stack, "aws_cognito_user_pool");
  const client = onlyResource(stack, "aws_cognito_user_pool_client");

  it("guards every route of every API with the JWT authorizer: the pool's issuer, the web client as audience", () => {
    const routes = resourcesOf(stack, "aws_apigatewayv2_route");
    expect(new Set(routes.map((route) => route.config.api_id)).size).toBe(resourcesOf(stack, "aws_apigatewayv2_api").length);
    for (const route of routes) {
      const label = String(route.config.route_key);
      expect(route.config.authorization_type, label).toBe("JWT");
      const authorizer = resourcesOf(stack, "aws_apigatewayv2_authorizer").find((candidate) => route.config.authorizer_id === ref(candidate, "id"));
      expect(authorizer?.config, label).toMatchObject({
        api_id: route.config.api_id,
        authorizer_type: "JWT",
        identity_sources: ["$request.header.Authorization"],
        jwt_configuration: { issuer: `https://${ref(pool, "endpoint")}`, audience: [ref(client, "id")] },
      });
      expect(label.split(" ")[1], label).toMatch(/^\/api\//);
    }
  });

  it("has one public web client: no secret, SRP and refresh only, 1 h access and 30 d refresh tokens", () => {
    expect(client.config).toMatchObject({
      user_pool_id: ref(pool, "id"),
      generate_secret: false,
      access_token_validity: 60,
      refresh_token_validity: 30,
      token_validity_units: [{ access_token: "minutes", refresh_token: "days" }],
    });
    expect([...(client.config.explicit_auth_flows as string[])].sort()).toEqual([...WEB_CLIENT_AUTH_FLOWS].sort());
  });

  it("tells the web app its pool and client in config.json, with AWS's own Cognito endpoint", () => {
    const content = configJsonOf(stack);
    expect(content).toContain(`"userPoolId": "${ref(pool, "id")}"`);
    expect(content).toContain(`"userPoolClientId": "${ref(client, "id")}"`);
    expect(content).toContain(`"endpoint": null`);
    expect(content).not.toMatch(/ApiUrl|mediaBaseUrl/);
  });

  it("lets no behaviour reach the processed bucket without a key group", () => {
    expect(processedBuckets(stack)).toHaveLength(1);
    expect(unsignedMediaPaths(stack)).toEqual([]);
  });

  it("never holds a private key: no PEM, no piece of one, no value for the signing secret", () => {
    const text = JSON.stringify(stack).replace(/\\n/g, "");
    expect(text).not.toMatch(/PRIVATE KEY/);
    const body = privateKeyPem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
    for (let start = 0; start + 48 <= body.length; start += 48) expect(text).not.toContain(body.slice(start, start + 48));
    const secret = resourcesOf(stack, "aws_secretsmanager_secret").find((candidate) => String(candidate.config.name).endsWith("-playback-signing-key"))!;
    expect(resourcesOf(stack, "aws_secretsmanager_secret_version").filter((version) => version.config.secret_id === ref(secret, "id"))).toEqual([]);
  });

  it("lets QueryUploadStatus read exactly the signing secret, and sign for the distribution's own URL", () => {
    const fn = functionNamed(stack, "QueryUploadStatus");
    const secret = resourcesOf(stack, "aws_secretsmanager_secret").find((candidate) => String(candidate.config.name).endsWith("-playback-signing-key"))!;
    expect(variablesOf(fn)[ENV.playbackSigningSecret]).toBe(ref(secret, "arn"));
    expect(variablesOf(fn)[ENV.siteUrl]).toBe(`https://${ref(distributionOf(stack), "domain_name")}`);
    const documents = Object.values(stack.data?.aws_iam_policy_document ?? {});
    const readers = documents.filter((document) =>
      ((document.statement as Block[]) ?? []).some((statement) => (statement.actions as string[]).includes("secretsmanager:GetSecretValue")),
    );
    const reads = readers.flatMap((document) =>
      (document.statement as Block[]).filter((statement) => (statement.actions as string[]).includes("secretsmanager:GetSecretValue")),
    );
    expect(reads.map((statement) => statement.resources)).toContainEqual([ref(secret, "arn")]);
  });

  it("forms no Terraform cycle: the distribution names the APIs, never a function or an integration", () => {
    const text = JSON.stringify(distributionOf(stack).config);
    expect(text).toContain("aws_apigatewayv2_api.");
    expect(text).not.toMatch(/aws_lambda_function\.|aws_apigatewayv2_(integration|route)\./);
  });
});

describe("the environments as configured", () => {
  it("deletion-protect prod's user pool in Cognito and in Terraform, and leave dev's destroyable", () => {
    for (const environment of environments) {
      const pool = onlyResource(synthesized.stacks[environment.name]!, "aws_cognito_user_pool").config;
      const protectedPool = { deletion_protection: "ACTIVE", lifecycle: { prevent_destroy: true } };
      if (environment.deletionProtection) expect(pool, environment.name).toMatchObject(protectedPool);
      else expect(pool.deletion_protection, environment.name).toBe("INACTIVE");
    }
    expect(environments.find((environment) => environment.name === "prod")?.deletionProtection).toBe(true);
  });

  it("let people sign themselves up where the config says, and only admins invite elsewhere", () => {
    for (const environment of environments) {
      const pool = onlyResource(synthesized.stacks[environment.name]!, "aws_cognito_user_pool").config;
      expect(pool.admin_create_user_config, environment.name).toEqual({ allow_admin_create_user_only: !environment.selfSignUp });
      expect(pool.mfa_configuration, environment.name).toBe("OPTIONAL");
    }
  });

  it("give GeneratePresignedUrl each environment's upload quota", () => {
    for (const environment of environments) {
      expect(variablesOf(functionNamed(synthesized.stacks[environment.name]!, "GeneratePresignedUrl"))).toMatchObject({
        [ENV.maxOpenUploadsPerUser]: String(environment.uploadQuota.maxOpenUploads),
        [ENV.maxUploadBytesPerUserPerDay]: String(environment.uploadQuota.maxBytesPerDay),
      });
    }
  });

  it("close /vod/* while no playback key is listed: answered 403 at the edge, never served", () => {
    for (const environment of environments.filter((candidate) => candidate.playbackPublicKeys.length === 0)) {
      const stack = synthesized.stacks[environment.name]!;
      const behaviors = vodBehaviors(stack);
      expect(behaviors.length, environment.name).toBeGreaterThan(0);
      for (const behavior of behaviors) {
        const arn = String(first(behavior.function_association)?.function_arn);
        const fn = resourcesOf(stack, "aws_cloudfront_function").find((candidate) => arn === ref(candidate, "arn"))!;
        const handler = runInNewContext(`${String(fn.config.code)}; handler`) as (event: unknown) => { statusCode: number };
        expect(handler({ request: { uri: "/vod/abc/index.m3u8", headers: {}, cookies: {} } }).statusCode, environment.name).toBe(403);
      }
      expect(behaviorsReaching(stack, processedBuckets(stack)[0]!), environment.name).toEqual([]);
      expect(resourcesOf(stack, "aws_cloudfront_key_group"), environment.name).toEqual([]);
      expect(variablesOf(functionNamed(stack, "QueryUploadStatus"))[ENV.playbackPublicKeyIds]).toBe("${jsonencode({})}");
    }
  });

  it("rate-limit the upload API's prefix at the edge where there is a firewall", () => {
    const acl = onlyResource(synthesized.stacks.prod!, "aws_wafv2_web_acl");
    expect(JSON.stringify(acl.config.rule)).toContain('"search_string":"/api/uploads"');
  });
});

describe("an environment with a playback key and a private live channel", () => {
  const keyGroup = onlyResource(keyedStack, "aws_cloudfront_key_group");

  it("serves every /vod/ path from the processed bucket only to cookies of its key group", () => {
    const behaviors = vodBehaviors(keyedStack);
    expect(behaviors.length).toBeGreaterThan(0);
    for (const behavior of behaviors) expect(trustedKeyGroupsOf(behavior)).toEqual([ref(keyGroup, "id")]);
    const reaching = behaviorsReaching(keyedStack, processedBuckets(keyedStack)[0]!);
    expect(reaching.map(({ path }) => path).sort()).toEqual(behaviors.map((behavior) => behavior.path_pattern).sort());
  });

  it("puts the configured public key in the group and its id where the signer finds it", () => {
    const key = onlyResource(keyedStack, "aws_cloudfront_public_key");
    expect(key.config.encoded_key).toBe(`${publicKeyPem.trim()}\n`);
    expect(keyGroup.config.items).toEqual([ref(key, "id")]);
    expect(variablesOf(functionNamed(keyedStack, "QueryUploadStatus"))[ENV.playbackPublicKeyIds]).toContain(`"key-20300101" = ${ref(key, "id").slice(2, -1)}`);
  });

  it("makes the live channel need the same cookies, and tells the function and the web app so", () => {
    const live = behaviorsOf(distributionOf(keyedStack)).find((behavior) => behavior.path_pattern === LIVE_PATH_PATTERN)!;
    expect(trustedKeyGroupsOf(live)).toEqual([ref(keyGroup, "id")]);
    expect(variablesOf(functionNamed(keyedStack, "QueryUploadStatus"))[ENV.privateLivePathPrefix]).toBe(LIVE_PATH_PREFIX);
    expect(configJsonOf(keyedStack)).toContain('"livePrivate": true');
  });

  it("leaves live public where the config does not say private", () => {
    const prod = synthesized.stacks.prod!;
    const live = behaviorsOf(distributionOf(prod)).find((behavior) => behavior.path_pattern === LIVE_PATH_PATTERN)!;
    expect(trustedKeyGroupsOf(live)).toEqual([]);
    expect(first(live.function_association)).toBeUndefined();
    expect(variablesOf(functionNamed(prod, "QueryUploadStatus"))[ENV.privateLivePathPrefix]).toBe("");
    expect(configJsonOf(prod)).toContain('"livePrivate": false');
  });
});
