import { describe, expect, it } from "vitest";
import { isWildcardAction, policyDocument, WildcardActionError } from "../../src/constructs/policy-document.js";
import { synthConstruct } from "../support/synth-construct.js";

describe("policyDocument", () => {
  it("refuses an Allow of a wildcard action at synth", () => {
    expect(() => synthConstruct((scope) => policyDocument(scope, "wide", [{ actions: ["dynamodb:*"], resources: ["arn:x"] }]))).toThrow(
      WildcardActionError,
    );
    expect(() => synthConstruct((scope) => policyDocument(scope, "all", [{ actions: ["*"], resources: ["arn:x"] }]))).toThrow(/"\*"/);
  });

  it("allows a wildcard in a Deny (the TLS guard denies everything)", () => {
    expect(() =>
      synthConstruct((scope) => policyDocument(scope, "deny", [{ effect: "Deny", actions: ["s3:*"], resources: ["arn:x"] }])),
    ).not.toThrow();
  });

  it("recognises wildcard actions and nothing else", () => {
    expect(["*", "s3:*", "dynamodb:*"].every(isWildcardAction)).toBe(true);
    expect(["s3:GetObject", "s3:Get*", "logs:PutLogEvents"].some(isWildcardAction)).toBe(false);
  });

  it("omits Resource for a trust policy", () => {
    const { stack } = synthConstruct((scope) =>
      policyDocument(scope, "trust", [{ actions: ["sts:AssumeRole"], resources: [], principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }] }]),
    );
    const statement = (stack.data?.aws_iam_policy_document?.trust?.statement as Record<string, unknown>[])[0];
    expect(statement).not.toHaveProperty("resources");
    expect(statement).toMatchObject({ effect: "Allow", principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }] });
  });
});
