import { describe, expect, it } from "vitest";
import {
  ADMIN_GROUP,
  cognitoIssuer,
  groupsOfClaim,
  isAdmin,
  PASSWORD_POLICY,
  playbackGrant,
  PLAYBACK_COOKIE_LIFETIME_SECONDS,
  PlaybackSigningKeySecret,
} from "../src/index.js";

describe("groupsOfClaim", () => {
  it("reads the token's array and the HTTP API authorizer's bracketed string alike", () => {
    expect(groupsOfClaim(["admin", "editors"])).toEqual(["admin", "editors"]);
    expect(groupsOfClaim("[admin editors]")).toEqual(["admin", "editors"]);
    expect(groupsOfClaim("[admin]")).toEqual(["admin"]);
    expect(groupsOfClaim("admin")).toEqual(["admin"]);
  });

  it("gives no groups for a missing, empty or foreign claim", () => {
    expect(groupsOfClaim(undefined)).toEqual([]);
    expect(groupsOfClaim("[]")).toEqual([]);
    expect(groupsOfClaim(42)).toEqual([]);
    expect(groupsOfClaim([7, "admin"])).toEqual(["admin"]);
  });

  it("does not take a group whose name merely contains admin for the admin group", () => {
    expect(isAdmin(groupsOfClaim("[administrators]"))).toBe(false);
    expect(isAdmin(groupsOfClaim(`[viewers ${ADMIN_GROUP}]`))).toBe(true);
  });
});

describe("identity facts", () => {
  it("names the AWS issuer of a pool", () => {
    expect(cognitoIssuer("eu-west-1", "eu-west-1_AbC")).toBe("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC");
  });

  it("asks for at least 12 characters", () => {
    expect(PASSWORD_POLICY.minimumLength).toBeGreaterThanOrEqual(12);
  });
});

describe("playbackGrant", () => {
  const uploadId = "0f8fad5b-d9cb-469f-a165-70867728950e.mp4";
  const now = new Date("2030-01-01T00:00:00.400Z");

  it("covers every file under the video's prefix for an hour, and scopes the cookies to it", () => {
    const grant = playbackGrant({ mediaOrigin: "https://media.example.com/", uploadId, now });
    expect(grant.cookiePath).toBe("/vod/0f8fad5b-d9cb-469f-a165-70867728950e/");
    const expires = Math.floor(now.getTime() / 1000) + PLAYBACK_COOKIE_LIFETIME_SECONDS;
    expect(JSON.parse(grant.policy)).toEqual({
      Statement: [
        {
          Resource: "https://media.example.com/vod/0f8fad5b-d9cb-469f-a165-70867728950e/*",
          Condition: { DateLessThan: { "AWS:EpochTime": expires } },
        },
      ],
    });
    expect(grant.expiresAt.getTime()).toBe(expires * 1000);
  });

  it("drops any path of the media origin and honours a shorter lifetime", () => {
    const grant = playbackGrant({ mediaOrigin: "http://127.0.0.1:4173/somewhere", uploadId, now, lifetimeSeconds: 60 });
    const statement = JSON.parse(grant.policy).Statement[0];
    expect(statement.Resource).toBe("http://127.0.0.1:4173/vod/0f8fad5b-d9cb-469f-a165-70867728950e/*");
    expect(statement.Condition.DateLessThan["AWS:EpochTime"]).toBe(Math.floor(now.getTime() / 1000) + 60);
  });
});

describe("PlaybackSigningKeySecret", () => {
  it("takes a key name and a PKCS #8 private key, and nothing else", () => {
    const privateKey = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";
    expect(PlaybackSigningKeySecret.safeParse({ keyName: "key-2030-01", privateKey }).success).toBe(true);
    expect(PlaybackSigningKeySecret.safeParse({ keyName: "key 1", privateKey }).success).toBe(false);
    expect(PlaybackSigningKeySecret.safeParse({ keyName: "k1", privateKey: "-----BEGIN PUBLIC KEY-----" }).success).toBe(false);
    expect(PlaybackSigningKeySecret.safeParse({ keyName: "k1" }).success).toBe(false);
  });
});
