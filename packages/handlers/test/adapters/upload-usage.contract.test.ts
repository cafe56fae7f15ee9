import { GetCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { DynamoDbUploadUsage } from "../../src/adapters/dynamodb-upload-usage.js";
import { dailyUsageExpiry, dailyUsageKey } from "../../src/core/daily-usage.js";
import type { UploadUsage } from "../../src/ports/upload-usage.js";
import { startHandlerEnvironment, TEST_TABLE } from "../support/aws-environment.js";
import { InMemoryUploadUsage } from "../support/in-memory/in-memory-upload-usage.js";
import { describeContract } from "../support/port-contract.js";
import { freshUploadId } from "../support/upload-records.js";

interface UsageUnderTest {
  readonly usage: UploadUsage;
  stop(): Promise<void>;
}

const implementations: Record<string, () => Promise<UsageUnderTest>> = {
  "the DynamoDB counters (on moto)": async () => {
    const environment = await startHandlerEnvironment();
    return {
      usage: new DynamoDbUploadUsage(environment.dynamodb, TEST_TABLE),
      stop: () => environment.stop(),
    };
  },
  "the in-memory counters": async () => ({ usage: new InMemoryUploadUsage(), stop: async () => undefined }),
};

const DAY = "2025-06-01";

describeContract("UploadUsage", implementations, (subject) => {
  let usage: UploadUsage;

  beforeAll(() => {
    usage = subject.usage;
  });

  it("reserves up to exactly the limit, then refuses saying what was started, per owner and per day", async () => {
    const owner = freshUploadId();
    expect(await usage.reserveDailyBytes(owner, DAY, 60, 100)).toEqual({ reserved: true });
    expect(await usage.reserveDailyBytes(owner, DAY, 40, 100)).toEqual({ reserved: true });
    expect(await usage.reserveDailyBytes(owner, DAY, 1, 100)).toEqual({ reserved: false, bytesStartedToday: 100 });
    expect(await usage.reserveDailyBytes(owner, "2025-06-02", 100, 100)).toEqual({ reserved: true });
    expect(await usage.reserveDailyBytes(`other-${owner}`, DAY, 100, 100)).toEqual({ reserved: true });
    expect(await usage.reserveDailyBytes(`new-${owner}`, DAY, 101, 100)).toEqual({ reserved: false, bytesStartedToday: 0 });
  });

  it("gives back what it is told to", async () => {
    const owner = freshUploadId();
    await usage.reserveDailyBytes(owner, DAY, 80, 100);
    await usage.releaseDailyBytes(owner, DAY, 80);
    expect(await usage.reserveDailyBytes(owner, DAY, 100, 100)).toEqual({ reserved: true });
    await expect(usage.releaseDailyBytes(`never-${owner}`, DAY, 5)).resolves.toBeUndefined();
  });

  it("lets exactly as many concurrent reservations through as fit", async () => {
    const owner = freshUploadId();
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => usage.reserveDailyBytes(owner, DAY, 30, 100)));
    expect(outcomes.filter((outcome) => outcome.reserved)).toHaveLength(3);
    expect(await usage.reserveDailyBytes(owner, DAY, 10, 100)).toEqual({ reserved: true });
    expect(await usage.reserveDailyBytes(owner, DAY, 1, 100)).toEqual({ reserved: false, bytesStartedToday: 100 });
  });
});

describe("the DynamoDB counters' items", () => {
  it("sit in the status table under a key no list sees, expiring two days after their day began", async () => {
    const environment = await startHandlerEnvironment();
    try {
      const owner = freshUploadId();
      await new DynamoDbUploadUsage(environment.dynamodb, TEST_TABLE).reserveDailyBytes(owner, DAY, 7, 100);
      const documents = DynamoDBDocumentClient.from(environment.dynamodb);
      const { Item } = await documents.send(new GetCommand({ TableName: TEST_TABLE, Key: { FileName: dailyUsageKey(owner, DAY) } }));
      // No ListPartition, no OwnerId: neither list index holds it.
      expect(Item).toEqual({ FileName: `usage/${owner}/${DAY}`, BytesStarted: 7, ExpiresAt: dailyUsageExpiry(DAY) });
      expect(dailyUsageExpiry(DAY)).toBe(Date.parse("2025-06-03T00:00:00.000Z") / 1000);
    } finally {
      await environment.stop();
    }
  });
});
