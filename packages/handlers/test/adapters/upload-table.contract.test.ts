import { PutCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  PRESIGNED_URL_TTL_SECONDS,
  UPLOAD_STATUSES,
  isStatusChangeAllowed,
  isTerminal,
  objectKeyOf,
  pendingRecordExpiry,
  type StatusPoint,
} from "@video-platform/shared-types";
import { beforeAll, expect, it } from "vitest";
import { DynamoDbUploadTable } from "../../src/adapters/dynamodb-upload-table.js";
import type { ListPosition, ListScope } from "../../src/core/page-token.js";
import type { UploadRecord } from "../../src/core/upload-record.js";
import type { UploadTable } from "../../src/ports/upload-table.js";
import { startHandlerEnvironment, TEST_TABLE } from "../support/aws-environment.js";
import { InMemoryUploadTable } from "../support/in-memory/in-memory-upload-table.js";
import { describeContract } from "../support/port-contract.js";
import { freshUploadId, recordInStatus, recordPendingUpload } from "../support/upload-records.js";

interface TableUnderTest {
  readonly table: UploadTable;
  /** Stores a record as it is, bypassing every rule. */
  force(record: UploadRecord): Promise<void>;
  stop(): Promise<void>;
}

/** The port's contract, held against the adapter and the in-memory table the use-case tests use. */
const implementations: Record<string, () => Promise<TableUnderTest>> = {
  "the DynamoDB adapter (on moto)": async () => {
    const environment = await startHandlerEnvironment();
    const documents = DynamoDBDocumentClient.from(environment.dynamodb);
    return {
      table: new DynamoDbUploadTable(environment.dynamodb, TEST_TABLE),
      force: async (record) => void (await documents.send(new PutCommand({ TableName: TEST_TABLE, Item: record }))),
      stop: () => environment.stop(),
    };
  },
  "the in-memory table": async () => {
    const table = new InMemoryUploadTable();
    return { table, force: async (record) => table.put(record), stop: async () => undefined };
  },
};

describeContract("UploadTable", implementations, (subject) => {
  let table: UploadTable;

  beforeAll(() => {
    table = subject.table;
  });

  it("records a new upload once, and reads back exactly what it recorded", async () => {
    const { uploadId, objectKey } = await recordPendingUpload(table);
    const stored = await table.get(objectKey);
    expect(stored).toMatchObject({ UploadId: uploadId, Status: "PENDING_UPLOAD", StatusRank: 0, Progress: 0 });
    expect(await table.createPending({ ...stored!, OriginalFileName: "other.mp4" })).toBe("refused");
    expect(await table.get(objectKey)).toEqual(stored);
    expect(await table.get(objectKeyOf(freshUploadId()))).toBeUndefined();
  });

  it("stores what a change brings, keeps the progress an ERROR does not name, and never creates an item", async () => {
    const { objectKey } = await recordPendingUpload(table);
    const at = new Date("2030-01-01T00:00:00.000Z");
    expect(await table.applyStatusChange(objectKey, { status: "TRANSCODING", progress: 30, jobId: "job-9", sizeBytes: 77 }, at)).toBe(
      "applied",
    );
    expect(await table.applyStatusChange(objectKey, { status: "ERROR", errorMessage: "1010: no video" }, at)).toBe("applied");
    expect(await table.get(objectKey)).toMatchObject({
      Status: "ERROR",
      StatusRank: 3,
      Progress: 30,
      JobId: "job-9",
      SizeBytes: 77,
      ErrorMessage: "1010: no video",
      UpdatedAt: at.toISOString(),
    });
    const unknown = objectKeyOf(freshUploadId());
    expect(await table.applyStatusChange(unknown, { status: "UPLOADED", progress: 0 })).toBe("refused");
    expect(await table.get(unknown)).toBeUndefined();
  });

  it("stores what a job will make until the upload is finished, and the status rule ignores it", async () => {
    const summary = {
      posterPath: "vod/x/previews/frame.0000010.jpg",
      durationSeconds: 12.5,
      width: 1080,
      height: 1920,
      renditions: [
        { width: 1080, height: 1920, bitrate: 8_500_000 },
        { width: 360, height: 640, bitrate: 1_500_000 },
      ],
    };
    const { objectKey } = await recordPendingUpload(table);
    const at = new Date("2030-01-01T00:00:00.000Z");
    expect(await table.recordVideo(objectKey, summary, at)).toBe("applied");
    expect(await table.get(objectKey)).toMatchObject({
      Status: "PENDING_UPLOAD",
      ExpiresAt: expect.any(Number),
      PosterPath: summary.posterPath,
      DurationSeconds: 12.5,
      Width: 1080,
      Height: 1920,
      Renditions: summary.renditions,
      UpdatedAt: at.toISOString(),
    });
    // Events that overtook the trigger's own TRANSCODING write do not take the summary away.
    expect(await table.applyStatusChange(objectKey, { status: "TRANSCODING", progress: 0, jobId: "job-1" })).toBe("applied");
    expect(await table.applyStatusChange(objectKey, { status: "TRANSCODING", progress: 0, jobId: "job-1" })).toBe("refused");
    const transcoding = await table.get(objectKey);
    expect(transcoding).toMatchObject({ Status: "TRANSCODING", Renditions: summary.renditions });
    // The summary keeps a pending record pending (and expiring); the status write past it ends the expiry.
    expect(transcoding).not.toHaveProperty("ExpiresAt");

    const finished = freshUploadId();
    await subject.force(recordInStatus(finished, { status: "ERROR", progress: 0 }));
    expect(await table.recordVideo(objectKeyOf(finished), summary)).toBe("refused");
    expect((await table.get(objectKeyOf(finished)))?.PosterPath).toBeUndefined();
    const unknown = objectKeyOf(freshUploadId());
    expect(await table.recordVideo(unknown, summary)).toBe("refused");
    expect(await table.get(unknown)).toBeUndefined();
  });

  it("forgets an upload only while it is pending", async () => {
    const pending = await recordPendingUpload(table);
    expect(await table.deletePending(pending.objectKey)).toBe("applied");
    expect(await table.get(pending.objectKey)).toBeUndefined();
    expect(await table.deletePending(pending.objectKey)).toBe("refused");
    const arrived = freshUploadId();
    await subject.force(recordInStatus(arrived, { status: "UPLOADED", progress: 0 }));
    expect(await table.deletePending(objectKeyOf(arrived))).toBe("refused");
    expect(await table.get(objectKeyOf(arrived))).toMatchObject({ Status: "UPLOADED" });
  });

  it("pages through uploads newest first, each page resuming where the last stopped", async () => {
    // Far in the future, so these five are the newest whatever other tests recorded.
    const base = Date.parse("2999-01-01T00:00:00.000Z");
    const mine: string[] = [];
    for (const minute of [2, 0, 4, 1, 3]) {
      const { uploadId } = await recordPendingUpload(table, { now: new Date(base + minute * 60_000) });
      mine[4 - minute] = uploadId;
    }
    const seen: string[] = [];
    let after: Awaited<ReturnType<UploadTable["listNewestFirst"]>>["next"];
    for (let pages = 0; pages < 20; pages++) {
      const page = await table.listNewestFirst({ kind: "all" }, 2, new Date(), after);
      expect(page.records.length).toBeLessThanOrEqual(2);
      seen.push(...page.records.map((record) => record.UploadId));
      if (page.next === undefined) break;
      after = page.next;
    }
    expect(seen.slice(0, 5)).toEqual(mine);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("lists one owner's uploads or everyone's, leaving out pending ones whose URLs expired", async () => {
    // Far in the future and owners of this test's own, so nothing else any test recorded interferes.
    const base = Date.parse("2998-01-01T00:00:00.000Z");
    const [ownerA, ownerB] = [`a-${freshUploadId()}`, `b-${freshUploadId()}`];
    const at = (minute: number) => new Date(base + minute * 60_000);
    const expected: Record<string, string[]> = { [ownerA]: [], [ownerB]: [] };
    for (const minute of [0, 1, 2, 3, 4, 5, 6, 7]) {
      const ownerId = minute % 3 === 0 ? ownerB : ownerA;
      const { uploadId } = await recordPendingUpload(table, { now: at(minute), ownerId });
      expected[ownerId]!.unshift(uploadId);
    }
    // Minute 1's upload arrived: no longer pending, it stays listed however old.
    const arrived = expected[ownerA]!.at(-1)!;
    expect(await table.applyStatusChange(objectKeyOf(arrived), { status: "UPLOADED", progress: 0 })).toBe("applied");

    const pageThrough = async (scope: ListScope, now: Date) => {
      const seen: string[] = [];
      let after: ListPosition | undefined;
      for (let pages = 0; pages < 50; pages++) {
        const page = await table.listNewestFirst(scope, 2, now, after);
        expect(page.records.length).toBeLessThanOrEqual(2);
        seen.push(...page.records.map((record) => record.UploadId));
        if (page.next === undefined) break;
        after = page.next;
      }
      return seen;
    };
    const fresh = at(8);
    expect(await pageThrough({ kind: "owner", ownerId: ownerA }, fresh)).toEqual(expected[ownerA]);
    expect(await pageThrough({ kind: "owner", ownerId: ownerB }, fresh)).toEqual(expected[ownerB]);
    const everyone = (await pageThrough({ kind: "all" }, fresh)).filter((id) => [...expected[ownerA]!, ...expected[ownerB]!].includes(id));
    expect(everyone).toHaveLength(8);

    // 15 minutes after minute 4, the URLs of minutes 0-4 have expired; 5, 6, 7 are still open.
    const later = new Date(at(4).getTime() + PRESIGNED_URL_TTL_SECONDS * 1000);
    const laterA = await pageThrough({ kind: "owner", ownerId: ownerA }, later);
    expect(laterA).toEqual([...expected[ownerA]!.slice(0, 2), arrived]);
    expect(await pageThrough({ kind: "owner", ownerId: ownerB }, later)).toEqual(expected[ownerB]!.slice(0, 1));
  });

  it("counts an owner's open uploads, newest first, bounded, without stale or arrived ones", async () => {
    const owner = `open-${freshUploadId()}`;
    const now = new Date();
    const ids: string[] = [];
    for (const minutesAgo of [30, 10, 5, 1]) {
      ids.push((await recordPendingUpload(table, { now: new Date(now.getTime() - minutesAgo * 60_000), ownerId: owner })).uploadId);
    }
    await recordPendingUpload(table, { now, ownerId: `other-${owner}` });
    // 30 minutes ago: stale. 10 minutes ago: re-signed, open for 15 more minutes. 5 minutes ago: arrived.
    const resigned = new Date(now.getTime() + PRESIGNED_URL_TTL_SECONDS * 1000);
    expect(await table.extendPending(objectKeyOf(ids[1]!), resigned)).toBe("applied");
    await table.applyStatusChange(objectKeyOf(ids[2]!), { status: "UPLOADED", progress: 0 });
    const open = await table.openUploadsOf(owner, now, 10);
    expect(open.map((date) => date.toISOString())).toEqual([
      new Date(now.getTime() - 60_000 + PRESIGNED_URL_TTL_SECONDS * 1000).toISOString(),
      resigned.toISOString(),
    ]);
    expect(await table.openUploadsOf(owner, now, 1)).toHaveLength(1);
    expect(await table.openUploadsOf(`nobody-${owner}`, now, 10)).toEqual([]);
  });

  it("extends a pending record's expiry, drops it when the status moves on, and refuses to extend after", async () => {
    const { objectKey } = await recordPendingUpload(table);
    const until = new Date(Date.now() + 3_600_000);
    expect(await table.extendPending(objectKey, until)).toBe("applied");
    expect(await table.get(objectKey)).toMatchObject({ UrlsExpireAt: until.toISOString(), ExpiresAt: pendingRecordExpiry(until) });
    expect(await table.applyStatusChange(objectKey, { status: "UPLOADED", progress: 0 })).toBe("applied");
    const uploaded = await table.get(objectKey);
    expect(uploaded).not.toHaveProperty("UrlsExpireAt");
    expect(uploaded).not.toHaveProperty("ExpiresAt");
    expect(await table.extendPending(objectKey, until)).toBe("refused");
    expect(await table.extendPending(objectKeyOf(freshUploadId()), until)).toBe("refused");
  });

  it("deletes a record whatever its status, once", async () => {
    const uploadId = freshUploadId();
    await subject.force(recordInStatus(uploadId, { status: "COMPLETE", progress: 100 }));
    expect(await table.delete(objectKeyOf(uploadId))).toBe("applied");
    expect(await table.get(objectKeyOf(uploadId))).toBeUndefined();
    expect(await table.delete(objectKeyOf(uploadId))).toBe("refused");
    // A late status write after the deletion creates nothing.
    expect(await table.applyStatusChange(objectKeyOf(uploadId), { status: "ERROR", errorMessage: "job canceled" })).toBe("refused");
    expect(await table.recordVideo(objectKeyOf(uploadId), { posterPath: "vod/x/p.jpg", durationSeconds: 1, width: 2, height: 2, renditions: [{ width: 2, height: 2, bitrate: 1 }] })).toBe("refused");
    expect(await table.get(objectKeyOf(uploadId))).toBeUndefined();
  });

  const points = UPLOAD_STATUSES.flatMap((status): StatusPoint[] =>
    status === "COMPLETE" ? [{ status, progress: 100 }] : [{ status, progress: 0 }, { status, progress: 50 }],
  );
  const pairs = points.flatMap((current) => points.map((next) => [current, next] as const));

  it(`enforces the shared status rule for every pair of states (${pairs.length} pairs)`, async () => {
    const outcomes = await Promise.all(
      pairs.map(async ([current, next]) => {
        const uploadId = freshUploadId();
        await subject.force(recordInStatus(uploadId, current));
        const change = next.status === "ERROR" ? { status: next.status } : next;
        const outcome = await table.applyStatusChange(objectKeyOf(uploadId), change);
        const stored = await table.get(objectKeyOf(uploadId));
        return { current, next, outcome, stored: { status: stored?.Status, progress: stored?.Progress } };
      }),
    );
    for (const { current, next, outcome, stored } of outcomes) {
      const allowed = isStatusChangeAllowed(current, next);
      expect({ current, next, outcome }).toEqual({ current, next, outcome: allowed ? "applied" : "refused" });
      const expected = allowed ? { status: next.status, progress: next.status === "ERROR" ? current.progress : next.progress } : current;
      expect(stored).toEqual(expected);
    }
    expect(outcomes.some(({ outcome }) => outcome === "refused")).toBe(true);
    expect(points.some((point) => isTerminal(point.status))).toBe(true);
  });
});
