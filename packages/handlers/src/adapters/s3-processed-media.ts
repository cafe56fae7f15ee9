import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import type { ProcessedMedia } from "../ports/processed-media.js";

/** S3 deletes at most this many keys per DeleteObjects call, and lists as many per page. */
const S3_BATCH_LIMIT = 1000;

/**
 * `ProcessedMedia` on the processed bucket: list a page, delete it in one batch, until no page is
 * left. Deleting while listing is safe here: each page starts after the last key listed.
 */
export class S3ProcessedMedia implements ProcessedMedia {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    /** Keys per page; S3's maximum unless a test wants to see paging. */
    private readonly pageSize = S3_BATCH_LIMIT,
  ) {}

  async deleteUnder(prefix: string): Promise<number> {
    let deleted = 0;
    let continuationToken: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          MaxKeys: Math.min(this.pageSize, S3_BATCH_LIMIT),
          ContinuationToken: continuationToken,
        }),
      );
      const keys = (page.Contents ?? []).flatMap((object) => (object.Key === undefined ? [] : [{ Key: object.Key }]));
      if (keys.length > 0) {
        const result = await this.s3.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys, Quiet: true } }),
        );
        const failed = result.Errors ?? [];
        // A partial failure is retried whole by the caller: deleting what is already gone is a no-op.
        if (failed.length > 0) {
          const first = failed[0];
          throw new Error(`S3 kept ${failed.length} of ${keys.length} objects under ${prefix} (${first?.Code}: ${first?.Message})`);
        }
        deleted += keys.length;
      }
      continuationToken = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (continuationToken !== undefined);
    return deleted;
  }
}
