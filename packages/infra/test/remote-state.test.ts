import { describe, expect, it } from "vitest";
import { InvalidRemoteStateError, remoteStateFromEnv } from "../src/remote-state.js";
import { synthesizeApp } from "./support/synthesized-app.js";

describe("remote state settings", () => {
  it("are absent without TF_STATE_BUCKET", () => {
    expect(remoteStateFromEnv({})).toBeUndefined();
    expect(remoteStateFromEnv({ TF_STATE_BUCKET: "  ", TF_STATE_REGION: "eu-west-1" })).toBeUndefined();
  });

  it("read bucket, region and key prefix", () => {
    expect(remoteStateFromEnv({ TF_STATE_BUCKET: "acme-tfstate", TF_STATE_REGION: "eu-central-1", TF_STATE_KEY_PREFIX: "teams/video" })).toEqual({
      bucket: "acme-tfstate",
      region: "eu-central-1",
      keyPrefix: "teams/video",
    });
    expect(remoteStateFromEnv({ TF_STATE_BUCKET: "acme-tfstate" })).toEqual({ bucket: "acme-tfstate", keyPrefix: "video-platform" });
  });

  it("fail fast on a bad value", () => {
    expect(() => remoteStateFromEnv({ TF_STATE_BUCKET: "Bad_Bucket" })).toThrow(InvalidRemoteStateError);
    expect(() => remoteStateFromEnv({ TF_STATE_BUCKET: "ok-bucket", TF_STATE_KEY_PREFIX: "/leading" })).toThrow(/keyPrefix/);
  });
});

describe("state backends", () => {
  it("are local files outside cdktf.out without a state bucket", () => {
    const synthesized = synthesizeApp();
    try {
      for (const [name, stack] of Object.entries(synthesized.stacks)) {
        expect(stack.terraform?.backend).toEqual({ local: { path: `../../../terraform.${name}.tfstate` } });
      }
    } finally {
      synthesized.cleanup();
    }
  });

  it("are S3 with a native lock file per stack when a bucket is set, the bootstrap stack's too", () => {
    const synthesized = synthesizeApp({ remoteState: { bucket: "acme-tfstate", keyPrefix: "video" } });
    try {
      expect(synthesized.stacks.dev?.terraform?.backend).toEqual({
        s3: { bucket: "acme-tfstate", key: "video/dev.tfstate", region: "eu-west-1", encrypt: true, use_lockfile: true },
      });
      expect(synthesized.stacks.prod?.terraform?.backend).toMatchObject({ s3: { key: "video/prod.tfstate", use_lockfile: true } });
      expect(synthesized.stacks["ci-access"]?.terraform?.backend).toMatchObject({ s3: { key: "video/ci-access.tfstate", use_lockfile: true } });
      // Once its bucket exists, the bootstrap stack's state moves into it.
      expect(synthesized.stacks["state-bootstrap"]?.terraform?.backend).toMatchObject({ s3: { key: "video/state-bootstrap.tfstate" } });
      // The bootstrap stack creates exactly the bucket the others use.
      const bucket = Object.values(synthesized.stacks["state-bootstrap"]?.resource?.aws_s3_bucket ?? {})[0];
      expect(bucket).toMatchObject({ bucket: "acme-tfstate", lifecycle: { prevent_destroy: true } });
    } finally {
      synthesized.cleanup();
    }
  });

  it("keep the bootstrap stack's state local for the apply that creates the bucket (TF_STATE_BOOTSTRAP_LOCAL=1)", () => {
    const synthesized = synthesizeApp({ remoteState: { bucket: "acme-tfstate", keyPrefix: "video" }, stateBootstrapLocal: true });
    try {
      expect(synthesized.stacks["state-bootstrap"]?.terraform?.backend).toEqual({ local: { path: "../../../terraform.state-bootstrap.tfstate" } });
      expect(Object.values(synthesized.stacks["state-bootstrap"]?.resource?.aws_s3_bucket ?? {})[0]).toMatchObject({ bucket: "acme-tfstate" });
      expect(synthesized.stacks.dev?.terraform?.backend).toMatchObject({ s3: { key: "video/dev.tfstate" } });
    } finally {
      synthesized.cleanup();
    }
  });
});
