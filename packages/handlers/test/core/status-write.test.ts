import { describe, expect, it } from "vitest";
import { STATUS_RULE_CONDITION, conditionalStatusWrite } from "../../src/core/status-write.js";

const now = new Date("2025-01-01T00:00:00.000Z");

describe("conditionalStatusWrite", () => {
  it("sets status, rank, progress and time under the status rule's condition", () => {
    const write = conditionalStatusWrite({ status: "TRANSCODING", progress: 60 }, now);
    expect(write.ConditionExpression).toBe(STATUS_RULE_CONDITION);
    expect(write.UpdateExpression).toBe(
      "SET #status = :status, #rank = :rank, #updatedAt = :updatedAt, #progress = :progress REMOVE #urlsExpireAt, #expiresAt",
    );
    expect(write.ExpressionAttributeValues).toEqual({
      ":status": "TRANSCODING",
      ":rank": 2,
      ":terminal": 3,
      ":progress": 60,
      ":updatedAt": "2025-01-01T00:00:00.000Z",
    });
    expect(write.ExpressionAttributeNames).toMatchObject({
      "#fileName": "FileName",
      "#rank": "StatusRank",
      "#progress": "Progress",
      // Leaving PENDING_UPLOAD ends the record's expiry: only pending records are removed by TTL.
      "#urlsExpireAt": "UrlsExpireAt",
      "#expiresAt": "ExpiresAt",
    });
  });

  it("writes what the change brings along, and leaves progress alone when the change has none", () => {
    const write = conditionalStatusWrite({ status: "ERROR", jobId: "j", errorMessage: "1: bad" }, now);
    expect(write.UpdateExpression).not.toContain("#progress =");
    expect(write.UpdateExpression).toContain("#jobId = :jobId");
    expect(write.UpdateExpression).toContain("#errorMessage = :errorMessage");
    expect(write.ExpressionAttributeNames).toMatchObject({ "#jobId": "JobId", "#errorMessage": "ErrorMessage" });
    expect(write.ExpressionAttributeValues).toMatchObject({ ":rank": 3, ":jobId": "j", ":errorMessage": "1: bad" });
  });

  it("uses every name and value it declares (DynamoDB refuses unused ones)", () => {
    const write = conditionalStatusWrite(
      { status: "COMPLETE", progress: 100, jobId: "j", playbackPath: "vod/a/a.m3u8", sizeBytes: 5 },
      now,
    );
    const text = `${write.UpdateExpression} ${write.ConditionExpression}`;
    for (const placeholder of [...Object.keys(write.ExpressionAttributeNames), ...Object.keys(write.ExpressionAttributeValues)]) {
      expect(text).toMatch(new RegExp(`${placeholder}\\b`));
    }
  });
});
