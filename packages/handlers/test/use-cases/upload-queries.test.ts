import { PRESIGNED_URL_TTL_SECONDS } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { ForbiddenError, InvalidRequestError, UploadNotFoundError } from "../../src/core/upload-errors.js";
import { UploadQueries } from "../../src/use-cases/upload-queries.js";
import { ADMIN, OTHER_USER, OWNER } from "../support/callers.js";
import { InMemoryUploadTable } from "../support/in-memory/in-memory-upload-table.js";
import { freshUploadId, recordPendingUpload } from "../support/upload-records.js";

const BASE = Date.parse("2025-03-01T10:00:00.000Z");
const at = (minute: number) => new Date(BASE + minute * 60_000);

/** Five uploads of the owner's and two of someone else's, a minute apart; the clock just after. */
async function library() {
  const table = new InMemoryUploadTable();
  const mine: string[] = [];
  const theirs: string[] = [];
  for (const minute of [0, 1, 2, 3, 4, 5, 6]) {
    const other = minute === 2 || minute === 5;
    const { uploadId } = await recordPendingUpload(table, {
      now: at(minute),
      ownerId: other ? OTHER_USER.sub : OWNER.sub,
      ownerEmail: other ? "other@example.com" : "owner@example.com",
    });
    (other ? theirs : mine).unshift(uploadId);
  }
  return { table, mine, theirs, queries: new UploadQueries(table, undefined, () => at(7)) };
}

async function pageThrough(queries: UploadQueries, caller: typeof OWNER, query: Record<string, string>) {
  const seen: string[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  do {
    const page = await queries.list(caller, { ...query, limit: "2", ...(pageToken === undefined ? {} : { pageToken }) });
    seen.push(...page.items.map((item) => item.uploadId));
    pageToken = page.nextPageToken;
    pages += 1;
  } while (pageToken !== undefined && pages < 20);
  return seen;
}

describe("upload queries on the in-memory table", () => {
  it("page through the caller's own uploads newest first by default, without owners", async () => {
    const { queries, mine } = await library();
    expect(await pageThrough(queries, OWNER, {})).toEqual(mine);
    expect(await pageThrough(queries, OWNER, { scope: "mine" })).toEqual(mine);
    const page = await queries.list(OWNER, {});
    expect(page.items.every((item) => item.owner === undefined)).toBe(true);
  });

  it("let admins page through every upload with its owner, and see their own with scope=mine", async () => {
    const { queries, mine, theirs } = await library();
    const all = await pageThrough(queries, ADMIN, { scope: "all" });
    expect(all).toHaveLength(mine.length + theirs.length);
    expect(all.filter((id) => theirs.includes(id))).toEqual(theirs);
    const page = await queries.list(ADMIN, { scope: "all", limit: "100" });
    expect(page.items.find((item) => item.uploadId === theirs[0])?.owner).toEqual({ id: OTHER_USER.sub, email: "other@example.com" });
    expect(await pageThrough(queries, ADMIN, { scope: "mine" })).toEqual([]);
  });

  it("refuse scope=all to anyone but an admin, and a token from another list or owner", async () => {
    const { queries } = await library();
    await expect(queries.list(OWNER, { scope: "all" })).rejects.toBeInstanceOf(ForbiddenError);
    const adminToken = (await queries.list(ADMIN, { scope: "all", limit: "1" })).nextPageToken!;
    const ownerToken = (await queries.list(OWNER, { limit: "1" })).nextPageToken!;
    await expect(queries.list(OWNER, { pageToken: adminToken })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(queries.list(OTHER_USER, { pageToken: ownerToken })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(queries.list(ADMIN, { scope: "all", pageToken: ownerToken })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(queries.list(OWNER, { pageToken: "forged" })).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it("answer one upload to its owner and admins, and 'not found' to anyone else, as for a missing one", async () => {
    const { queries, mine } = await library();
    expect((await queries.status(OWNER, mine[0])).status).toBe("PENDING_UPLOAD");
    expect((await queries.status(ADMIN, mine[0])).owner).toEqual({ id: OWNER.sub, email: "owner@example.com" });
    const someoneElses = await queries.status(OTHER_USER, mine[0]).catch((error: unknown) => error);
    const missing = freshUploadId();
    const unknown = await queries.status(OTHER_USER, missing).catch((error: unknown) => error);
    expect(someoneElses).toBeInstanceOf(UploadNotFoundError);
    expect(unknown).toBeInstanceOf(UploadNotFoundError);
    expect((someoneElses as Error).message.replace(mine[0]!, "<id>")).toBe((unknown as Error).message.replace(missing, "<id>"));
  });

  it("never list a pending upload whose URLs have expired", async () => {
    const { table, mine } = await library();
    const later = new UploadQueries(table, undefined, () => at(4 + PRESIGNED_URL_TTL_SECONDS / 60));
    // Created at minutes 0, 1, 3, 4: only the one from minute 4 still has live URLs.
    expect(await pageThrough(later, OWNER, {})).toEqual([mine[0]]);
  });
});
