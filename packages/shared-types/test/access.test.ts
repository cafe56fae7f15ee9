import { describe, expect, it } from "vitest";
import {
  callerFromClaims,
  decideQuota,
  DEFAULT_UPLOAD_QUOTA,
  GIB,
  isStalePending,
  mayActOn,
  pathPlaybackGrant,
  playbackGrant,
  nextQuotaDayStart,
  PENDING_RECORD_MARGIN_SECONDS,
  pendingRecordExpiry,
  quotaDayOf,
} from "../src/index.js";

describe("the caller", () => {
  it("comes from the authorizer's string claims or a token's own, admins by group", () => {
    expect(callerFromClaims({ sub: "u-1", "cognito:groups": "[admin editors]" })).toEqual({ sub: "u-1", isAdmin: true });
    expect(callerFromClaims({ sub: "u-2", "cognito:groups": ["editors"] })).toEqual({ sub: "u-2", isAdmin: false });
    expect(callerFromClaims({ sub: "u-3" })).toEqual({ sub: "u-3", isAdmin: false });
  });

  it("does not exist without a subject", () => {
    expect(callerFromClaims(undefined)).toBeUndefined();
    expect(callerFromClaims({})).toBeUndefined();
    expect(callerFromClaims({ sub: "" })).toBeUndefined();
    expect(callerFromClaims({ sub: 42 })).toBeUndefined();
  });
});

describe("the ownership rule", () => {
  const owner = { sub: "owner", isAdmin: false };
  const stranger = { sub: "stranger", isAdmin: false };
  const admin = { sub: "admin", isAdmin: true };

  it("lets the owner and admins act, nobody else", () => {
    expect(mayActOn(owner, "owner")).toBe(true);
    expect(mayActOn(admin, "owner")).toBe(true);
    expect(mayActOn(stranger, "owner")).toBe(false);
  });

  it("lets only admins act on a record without an owner", () => {
    expect(mayActOn(owner, undefined)).toBe(false);
    expect(mayActOn(admin, undefined)).toBe(true);
  });
});

describe("the upload quota", () => {
  const now = new Date("2026-11-30T21:30:00Z");
  const quota = { maxOpenUploads: 2, maxBytesPerDay: 10 * GIB };

  it("defaults to 20 unfinished uploads and 200 GiB a day", () => {
    expect(DEFAULT_UPLOAD_QUOTA).toEqual({ maxOpenUploads: 20, maxBytesPerDay: 200 * GIB });
  });

  it("allows an upload within both limits, up to the byte limit exactly", () => {
    expect(decideQuota(quota, { openUploadsExpireAt: [now], bytesStartedToday: 4 * GIB }, 6 * GIB, now)).toEqual({ allowed: true });
  });

  it("refuses one upload too many, saying which limit and when the oldest frees up", () => {
    const soon = new Date("2026-11-30T21:40:00Z");
    const later = new Date("2026-11-30T21:45:00Z");
    const decision = decideQuota(quota, { openUploadsExpireAt: [later, soon], bytesStartedToday: 0 }, 1, now);
    expect(decision).toMatchObject({ allowed: false, limit: "open-uploads", retryAfterSeconds: 600 });
    if (decision.allowed) throw new Error("refused above");
    expect(decision.message).toMatch(/2 unfinished uploads/);
    expect(decision.message).toMatch(/21:40 UTC/);
  });

  it("refuses bytes over the daily limit until the next UTC midnight", () => {
    const decision = decideQuota(quota, { openUploadsExpireAt: [], bytesStartedToday: 9 * GIB }, 2 * GIB, now);
    expect(decision).toMatchObject({ allowed: false, limit: "daily-bytes", retryAfterSeconds: 2.5 * 3600 });
    if (decision.allowed) throw new Error("refused above");
    expect(decision.message).toMatch(/11 GiB, over the daily limit of 10 GiB/);
    expect(decision.message).toMatch(/00:00 UTC/);
  });

  it("counts days in UTC", () => {
    expect(quotaDayOf(new Date("2026-11-30T23:59:59Z"))).toBe("2026-11-30");
    expect(nextQuotaDayStart(new Date("2026-12-31T08:00:00Z")).toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});

describe("pending records", () => {
  it("expire a margin after their URLs, and are stale from the moment the URLs are", () => {
    const urlsExpireAt = new Date("2026-11-30T12:00:00Z");
    expect(pendingRecordExpiry(urlsExpireAt)).toBe(urlsExpireAt.getTime() / 1000 + PENDING_RECORD_MARGIN_SECONDS);
    expect(isStalePending(urlsExpireAt, new Date("2026-11-30T11:59:59Z"))).toBe(false);
    expect(isStalePending(urlsExpireAt, urlsExpireAt)).toBe(true);
  });
});

describe("playback grants", () => {
  const now = new Date("2026-03-01T10:00:00.400Z");

  it("open one video's prefix on the site's origin until an hour from now", () => {
    const grant = playbackGrant({ mediaOrigin: "https://d111.cloudfront.net/ignored", uploadId: "0b6f1f5e-9d2b-4c8e-8f4a-1c2d3e4f5a6b.mp4", now });
    expect(grant.cookiePath).toBe("/vod/0b6f1f5e-9d2b-4c8e-8f4a-1c2d3e4f5a6b/");
    expect(grant.expiresAt.toISOString()).toBe("2026-03-01T11:00:00.000Z");
    expect(JSON.parse(grant.policy)).toEqual({
      Statement: [
        {
          Resource: "https://d111.cloudfront.net/vod/0b6f1f5e-9d2b-4c8e-8f4a-1c2d3e4f5a6b/*",
          Condition: { DateLessThan: { "AWS:EpochTime": grant.expiresAt.getTime() / 1000 } },
        },
      ],
    });
  });

  it("open any path prefix the same way (a private live channel)", () => {
    const grant = pathPlaybackGrant({ mediaOrigin: "http://127.0.0.1:5173", pathPrefix: "/out/v1/live/", now, lifetimeSeconds: 60 });
    expect(grant.cookiePath).toBe("/out/v1/live/");
    expect(JSON.parse(grant.policy).Statement[0].Resource).toBe("http://127.0.0.1:5173/out/v1/live/*");
    expect(grant.expiresAt.toISOString()).toBe("2026-03-01T10:01:00.000Z");
  });
});
