import {
  ListUploadsQuery,
  type Caller,
  type UploadListResponse,
  type UploadStatusResponse,
} from "@video-platform/shared-types";
import { ownedUpload } from "../core/ownership.js";
import { decodePageToken, encodePageToken, type ListScope } from "../core/page-token.js";
import { validateInput } from "../core/request-input.js";
import { ForbiddenError } from "../core/upload-errors.js";
import { statusResponseOf, type UploadRecord } from "../core/upload-record.js";
import type { UploadTable } from "../ports/upload-table.js";

/**
 * The signed links a status response carries besides the record's own fields.
 *
 * EXTENSION POINT (posters, issue 10): once records carry a `PosterPath`, this returns
 * `{ posterUrl }` signed with `PlaybackSigner.signedUrl` for a few minutes, and
 * `UploadStatusResponse` gains the optional `posterUrl`. Until then there is nothing to sign.
 */
export type SignedMediaLinks = (record: UploadRecord) => Promise<Partial<UploadStatusResponse>>;

const noSignedLinks: SignedMediaLinks = async () => ({});

/** What `MovieStatusApi` answers about uploads: one, or a page of them newest first. */
export class UploadQueries {
  private readonly clock: () => Date;

  constructor(
    private readonly table: UploadTable,
    private readonly signedMediaLinks: SignedMediaLinks = noSignedLinks,
    clock?: () => Date,
  ) {
    this.clock = clock ?? (() => new Date());
  }

  async status(caller: Caller, uploadIdInput: string | undefined): Promise<UploadStatusResponse> {
    const { record } = await ownedUpload((key) => this.table.get(key), caller, uploadIdInput);
    return this.responseFor(caller, record);
  }

  /** `scope=mine` (the default) reads the caller's own partition; `scope=all` is for admins only. */
  async list(caller: Caller, queryInput: Record<string, string | undefined> | undefined): Promise<UploadListResponse> {
    const query = validateInput(ListUploadsQuery, queryInput ?? {}, "query");
    if (query.scope === "all" && !caller.isAdmin) throw new ForbiddenError("only admins may list every upload (scope=all)");
    const scope: ListScope = query.scope === "all" ? { kind: "all" } : { kind: "owner", ownerId: caller.sub };
    const after = query.pageToken === undefined ? undefined : decodePageToken(query.pageToken, scope);
    const page = await this.table.listNewestFirst(scope, query.limit, this.clock(), after);
    return {
      items: await Promise.all(page.records.map((record) => this.responseFor(caller, record))),
      ...(page.next === undefined ? {} : { nextPageToken: encodePageToken(page.next) }),
    };
  }

  private async responseFor(caller: Caller, record: UploadRecord): Promise<UploadStatusResponse> {
    return { ...statusResponseOf(record, { withOwner: caller.isAdmin }), ...(await this.signedMediaLinks(record)) };
  }
}
