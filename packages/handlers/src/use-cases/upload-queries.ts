import {
  ListUploadsQuery,
  UploadId,
  objectKeyOf,
  type UploadListResponse,
  type UploadStatusResponse,
} from "@video-platform/shared-types";
import { decodePageToken, encodePageToken } from "../core/page-token.js";
import { validateInput } from "../core/request-input.js";
import { UploadNotFoundError } from "../core/upload-errors.js";
import { statusResponseOf } from "../core/upload-record.js";
import type { UploadTable } from "../ports/upload-table.js";

/** What `MovieStatusApi` answers: one upload, or a page of them newest first. */
export class UploadQueries {
  constructor(private readonly table: UploadTable) {}

  async status(uploadIdInput: string | undefined): Promise<UploadStatusResponse> {
    const uploadId = validateInput(UploadId, uploadIdInput, "uploadId");
    const record = await this.table.get(objectKeyOf(uploadId));
    if (record === undefined) throw new UploadNotFoundError(uploadId);
    return statusResponseOf(record);
  }

  async list(queryInput: Record<string, string | undefined> | undefined): Promise<UploadListResponse> {
    const query = validateInput(ListUploadsQuery, queryInput ?? {}, "query");
    const after = query.pageToken === undefined ? undefined : decodePageToken(query.pageToken);
    const page = await this.table.listNewestFirst(query.limit, after);
    return {
      items: page.records.map(statusResponseOf),
      ...(page.next === undefined ? {} : { nextPageToken: encodePageToken(page.next) }),
    };
  }
}
