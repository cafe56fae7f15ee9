import type { ProbeReading } from "@video-platform/shared-types";

/**
 * What the trigger asks before it plans a job: what the uploaded file is. A file the prober
 * cannot take (not media, or gone) is a reading like any other, `readable: false`; only a
 * failure to ask (throttling, permissions, an outage) is an error, so the event is retried.
 */
export interface SourceProbe {
  /** `fileUrl` is the upload's `s3://bucket/key`. */
  probe(fileUrl: string): Promise<ProbeReading>;
}
